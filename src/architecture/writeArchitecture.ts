import { readFileSync, writeFileSync } from "node:fs";
import { withArchitectureBlock } from "./document.js";
import { importEdges } from "./imports.js";

// `npm run docs:architecture`: regenerate the picture and the table of docs/architecture.md from the imports of src/.
const page = "docs/architecture.md";
writeFileSync(page, withArchitectureBlock(readFileSync(page, "utf8"), importEdges("src")));
