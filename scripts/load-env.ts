// Scripts read the same .env file Next.js reads for the app (if there is one).
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
