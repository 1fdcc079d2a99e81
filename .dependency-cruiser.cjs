// The architecture as rules (`npm run check` runs them): which top-level folder of src/ may import
// which, and no import cycles, type-only imports included. docs/architecture.md explains the layers.
/** @type {import('dependency-cruiser').IConfiguration} */
const layer = (name, from, allowed, why) => ({
  name,
  comment: why,
  severity: 'error',
  from: { path: from },
  to: { path: '^src/', pathNot: [from, ...allowed] },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle means two modules cannot be understood, tested or moved apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('core-is-pure', '^src/core/', [], 'core/ is pure: it imports only core/.'),
    layer(
      'app-through-ports',
      '^src/app/',
      ['^src/core/', '^src/redact\\.ts$'],
      'app/ reaches the outside only through its ports.',
    ),
    layer(
      'slack-alone',
      '^src/chat/slack/',
      ['^src/app/', '^src/core/', '^src/http/'],
      'A platform imports app/ and core/, never another platform.',
    ),
    layer(
      'discord-alone',
      '^src/chat/discord/',
      ['^src/app/', '^src/core/'],
      'A platform imports app/ and core/, never another platform.',
    ),
    layer(
      'console-alone',
      '^src/chat/console/',
      ['^src/app/', '^src/core/'],
      'A platform imports app/ and core/, never another platform.',
    ),
    layer(
      'storage-below-app',
      '^src/storage/',
      ['^src/core/', '^src/app/', '^src/paths\\.ts$'],
      'storage/ implements app/ ports over core/ types.',
    ),
    layer(
      'sources-below-app',
      '^src/sources/',
      ['^src/core/', '^src/app/', '^src/http/'],
      'sources/ implements app/ ports over core/ types.',
    ),
    layer('cron-below-app', '^src/cron/', ['^src/core/', '^src/app/'], 'cron/ implements app/ ports (the schedule).'),
    layer(
      'chart-below-app',
      '^src/chart/',
      ['^src/core/', '^src/app/', '^src/paths\\.ts$'],
      'The chart renderer implements an app/ port.',
    ),
    layer(
      'observability-reads',
      '^src/observability/',
      ['^src/core/', '^src/app/', '^src/storage/', '^src/http/'],
      'Metrics read app/ events and storage/ counts.',
    ),
    layer('data-loads', '^src/data/', ['^src/core/', '^src/paths\\.ts$'], 'Shipped data is loaded into core/ types.'),
    {
      name: 'composition-root-on-top',
      comment:
        'Only the entry points (the CLI, main.ts) import the composition root (compose.ts), main.ts and the CLI.',
      severity: 'error',
      from: { pathNot: '^src/(cli|main|compose)\\.ts$|^src/cli/' },
      to: { path: '^src/(cli|main|compose)\\.ts$|^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|dist)/' },
  },
};
