import { FAMILIES } from "../families/registry.js";
import { writeFilesAtomically } from "./atomicWrite.js";
import { formulasPage } from "./formulaDocument.js";

// `npm run docs:formulas`: regenerate docs/formulas.md.
writeFilesAtomically(new Map([["docs/formulas.md", formulasPage(FAMILIES)]]));
