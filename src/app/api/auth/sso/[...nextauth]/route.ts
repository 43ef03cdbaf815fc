export { GET, POST } from "@/server/auth/sso-handlers";
