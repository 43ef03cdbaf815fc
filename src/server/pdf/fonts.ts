import "server-only";
import { Font } from "@react-pdf/renderer";

// Font settings for every PDF the server draws, applied once per process when
// the first document module loads (react-pdf keeps them globally).

// Words wrap whole: react-pdf's default hyphenation splits names and numbers ("individ-ual").
Font.registerHyphenationCallback((word) => [word]);
