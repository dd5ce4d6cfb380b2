import type { Command } from "./command.js";
import { criticalCommand } from "./criticalCommand.js";
import { discoverCommand } from "./discoverCommand.js";
import { familiesCommand } from "./familiesCommand.js";
import { seriesCommand } from "./seriesCommand.js";
import { verifyCommand } from "./verifyCommand.js";
import { leadingCommand } from "./leadingCommand.js";
import { proposeCommand } from "./proposeCommand.js";
import { spectrumCommand } from "./spectrumCommand.js";
import { eigenSeriesCommand } from "./eigenSeriesCommand.js";
import { crossingCommand } from "./crossingCommand.js";
import { plotCommand } from "./plotCommand.js";
import { reproduceCommand } from "./reproduceCommand.js";
import { cliReference } from "./reference.js";
import { checkCommand } from "./checkCommand.js";
import { formulaCommand } from "./formulaCommand.js";
import { annihilationCommand } from "./annihilationCommand.js";
import { bifurcationCommand } from "./bifurcationCommand.js";
import { censusCommand } from "./censusCommand.js";

/** Every CLI command, in the order `spurious --help` lists them. */
export const commands: readonly Command[] = [discoverCommand, censusCommand, familiesCommand, criticalCommand, spectrumCommand, seriesCommand, formulaCommand, eigenSeriesCommand, crossingCommand, bifurcationCommand, annihilationCommand, checkCommand, plotCommand, verifyCommand, proposeCommand, leadingCommand, reproduceCommand(() => cliReference(commands))];
