// The slash commands Discord shows, built from each command family's spec, and how a used command
// turns back into the shared grammar.
import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { COMMAND_FAMILIES } from '../../core/commands/parse.ts';
import type { OptionInput, OptionShape, OptionValues, SlashCommand } from '../../core/commands/spec.ts';

const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM] as const;

const SLASH_COMMANDS: readonly SlashCommand[] = COMMAND_FAMILIES.flatMap((f) => f.slash);

function addOption(builder: SlashCommandBuilder | SlashCommandSubcommandBuilder, shape: OptionShape): void {
  switch (shape.type) {
    case 'string':
      builder.addStringOption((o) => {
        o.setName(shape.name).setDescription(shape.description);
        if (shape.required === true) o.setRequired(true);
        if (shape.autocomplete === true) o.setAutocomplete(true);
        if (shape.minLength !== undefined) o.setMinLength(shape.minLength);
        if (shape.maxLength !== undefined) o.setMaxLength(shape.maxLength);
        if (shape.choices !== undefined) o.addChoices(...shape.choices.map((c) => ({ name: c, value: c })));
        return o;
      });
      return;
    case 'number':
      builder.addNumberOption((o) => {
        o.setName(shape.name).setDescription(shape.description);
        if (shape.required === true) o.setRequired(true);
        if (shape.min !== undefined) o.setMinValue(shape.min);
        if (shape.max !== undefined) o.setMaxValue(shape.max);
        return o;
      });
      return;
    case 'boolean':
      builder.addBooleanOption((o) => {
        o.setName(shape.name).setDescription(shape.description);
        if (shape.required === true) o.setRequired(true);
        return o;
      });
      return;
  }
}

function buildDefinition(spec: SlashCommand): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = new SlashCommandBuilder()
    .setName(spec.name)
    .setDescription(spec.description)
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  if (spec.managersOnly) builder.setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels);
  if ('subcommands' in spec) {
    for (const sub of spec.subcommands) {
      builder.addSubcommand((s) => {
        s.setName(sub.name).setDescription(sub.description);
        for (const option of sub.options ?? []) addOption(s, option);
        return s;
      });
    }
  } else {
    for (const option of spec.options ?? []) addOption(builder, option);
  }
  return builder.toJSON();
}

export function buildCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return SLASH_COMMANDS.map(buildDefinition);
}

/** The shared-grammar text for a used slash command, or null when it is not one of ours. */
export function toGrammarText(command: string, subcommand: string | null, options: OptionValues): string | null {
  const spec = SLASH_COMMANDS.find((c) => c.name === command);
  if (spec === undefined) return null;
  const input: OptionInput | undefined =
    'subcommands' in spec ? spec.subcommands.find((s) => s.name === subcommand) : spec;
  if (input === undefined) return null;
  return input
    .toText(options)
    .filter((p) => p.length > 0)
    .join(' ');
}
