import { writeFilesAtomically } from "../output/atomicWrite.js";
import { tutorialMarkdown } from "./tutorial.js";

// `npm run docs:tutorial`: regenerate docs/tutorial.md by running its commands (also a step of reproduce).
writeFilesAtomically(new Map([["docs/tutorial.md", tutorialMarkdown()]]));
