// `help` (also an empty command): every loaded feature's subcommands, from their own help lines.
import { defineCommand, type Feature } from '../../feature.js';
import { reply } from '../../replies.js';
import { helpView } from './view.js';

const helpCommand = defineCommand<{ type: 'help' }>({
  name: 'help',
  aliases: ['?'],
  usage: 'help',
  help: (c) => `${c} help — this list`,
  spec: { description: 'What I can do', options: [] },
  parse: () => ({ type: 'help' }),
  run: async (ctx, inv, deck) => [reply(helpView(deck, ctx.isAdmin(inv.user), ctx.commandList(), ctx))],
});

export const help = { name: 'help', commands: [helpCommand] } satisfies Feature;
