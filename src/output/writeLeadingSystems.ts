import { FAMILIES } from "../families/registry.js";
import { writeFilesAtomically } from "./atomicWrite.js";
import { leadingSystemsDoc } from "./leadingSystemsDoc.js";

// `npm run docs:leading`: regenerate docs/leading-systems.md.
writeFilesAtomically(new Map([["docs/leading-systems.md", leadingSystemsDoc(FAMILIES)]]));
