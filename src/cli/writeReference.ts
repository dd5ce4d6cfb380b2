import { writeFilesAtomically } from "../output/atomicWrite.js";
import { commands } from "./commands.js";
import { cliReference } from "./reference.js";

// `npm run docs:cli`: regenerate docs/cli.md from the command definitions.
writeFilesAtomically(new Map([["docs/cli.md", cliReference(commands)]]));
