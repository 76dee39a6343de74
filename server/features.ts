// The language features the server offers, one line each (see feature.ts).
import type { Feature } from './feature.ts';

import { hoverFeature } from './features/hover.ts';
import { completionFeature } from './features/completion.ts';
import { formattingFeature } from './features/formatting.ts';
import { symbolsFeature } from './features/symbols.ts';
import { definitionFeature } from './features/definition.ts';
import { renameFeature } from './features/rename.ts';
import { workspaceSymbolsFeature } from './features/workspace-symbols.ts';
import { selectionFeature } from './features/selection.ts';
import { codeActionsFeature } from './features/code-actions.ts';
import { inlayHintsFeature } from './features/inlay-hints.ts';
import { commandsFeature } from './features/commands.ts';
import { codeLensFeature } from './features/code-lens.ts';

export const FEATURES: Feature[] = [
  hoverFeature,
  completionFeature,
  formattingFeature,
  symbolsFeature,
  definitionFeature,
  renameFeature,
  workspaceSymbolsFeature,
  selectionFeature,
  codeActionsFeature,
  inlayHintsFeature,
  commandsFeature,
  codeLensFeature,
];
