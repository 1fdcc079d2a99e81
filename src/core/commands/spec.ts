// The shape of one command family's spec: its grammar, its help, who may change things with it,
// and the typed options that option-based platforms (Discord) show for it. Each family's file
// holds one of these; the Discord definitions are built from them and the Slack manifest is
// checked against them.
import type { Result } from '../types.ts';
import type { CommandError, TickerLookup } from './grammar.ts';

interface OptionBase {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
}

export type OptionShape =
  | (OptionBase & {
      readonly type: 'string';
      /** Suggest tickers as the user types. */
      readonly autocomplete?: boolean;
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly choices?: readonly string[];
    })
  | (OptionBase & { readonly type: 'number'; readonly min?: number; readonly max?: number })
  | (OptionBase & { readonly type: 'boolean' });

/** The options of one used command, flattened (subcommand already taken out). */
export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** Something a user runs with typed options, and the shared-grammar words a use of it stands for. */
export interface OptionInput {
  readonly options?: readonly OptionShape[];
  readonly toText: (options: OptionValues) => readonly string[];
}

export interface Subcommand extends OptionInput {
  readonly name: string;
  readonly description: string;
}

/** One slash command as an option-based platform shows it. */
export type SlashCommand = {
  readonly name: string;
  readonly description: string;
  /** Only channel managers see it and may use it (Discord: Manage Channels). */
  readonly managersOnly: boolean;
} & ({ readonly subcommands: readonly Subcommand[] } | OptionInput);

/** One line of /help. */
export interface CommandDoc {
  readonly usage: string;
  readonly does: string;
  readonly example: string;
  readonly topic: string;
}

export interface CommandFamily<C extends { readonly kind: string }> {
  /** The slash command, without the slash; also the /help topic. */
  readonly name: string;
  readonly parse: (args: readonly string[], lookup: TickerLookup) => Result<C, CommandError>;
  readonly help: readonly CommandDoc[];
  /** Kinds that change a channel's setup: only people who may manage the channel run them. */
  readonly managerKinds: readonly C['kind'][];
  /** The slash command in slack-app-manifest.yml (a test holds the manifest to this). */
  readonly slack: { readonly description: string; readonly usageHint: string };
  /** The option-based commands (Discord); a family may have more than one (a read-only alias). */
  readonly slash: readonly SlashCommand[];
}
