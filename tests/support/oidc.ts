// A real OpenID Connect provider (the oidc-provider package) on 127.0.0.1 for
// the single sign-on tests (decision 034), and a browser's part of the
// authorization code flow: cookie jars and redirects followed by hand.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider from "oidc-provider";

export const APP_ORIGIN = "http://localhost:3000";
export const CALLBACK_PATH = "/api/auth/sso/callback/oidc";

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The provider's signing key (private), for tests that sign tokens as it would. */
  signingKey: CryptoKey;
  kid: string;
  /** Who signs in at the next authorization request, and the claims the provider gives. */
  accounts: Map<string, { email: string; email_verified: boolean }>;
  nextAccount: { id: string };
  close(): Promise<void>;
}

export async function startProvider(opts: { clientId?: string; clientSecret?: string; appOrigin?: string } = {}): Promise<TestProvider> {
  const clientId = opts.clientId ?? "mtss-test";
  const clientSecret = opts.clientSecret ?? "a-client-secret-of-some-length-1234567890";
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `key-${Math.random().toString(36).slice(2)}`;
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const accounts = new Map<string, { email: string; email_verified: boolean }>();
  const nextAccount = { id: "" };

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [`${opts.appOrigin ?? APP_ORIGIN}${CALLBACK_PATH}`], response_types: ["code"], grant_types: ["authorization_code"], token_endpoint_auth_method: "client_secret_basic" }],
    jwks: { keys: [jwk] },
    cookies: { keys: ["test-cookie-signing-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    // The email claims in the ID token itself, as Google and Entra ID put them.
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const claims = accounts.get(id);
      return claims ? { accountId: id, claims: () => ({ sub: id, ...claims }) } : undefined;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
  });
  const callback = provider.callback();
  // The login and consent screens: the person signs in as nextAccount and consents at once.
  server.on("request", async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        await provider.interactionFinished(req, res, { login: { accountId: nextAccount.id } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  return {
    issuer,
    clientId,
    clientSecret,
    signingKey: privateKey,
    kid,
    accounts,
    nextAccount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A minimal cookie jar: name -> value, from Set-Cookie headers. */
export class Jar {
  readonly values = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || attrs.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]!) < Date.now());
      if (!value || expired) this.values.delete(name);
      else this.values.set(name, value);
    }
  }
  header(): string {
    return [...this.values].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Follows the provider's redirects (login, consent) until it sends the browser back to the app; returns that URL. */
export async function throughProvider(authorizationUrl: string, jar = new Jar()): Promise<string> {
  let url = authorizationUrl;
  for (let hops = 0; hops < 10; hops++) {
    if (url.startsWith(APP_ORIGIN)) return url;
    const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(response);
    const location = response.headers.get("location");
    if (!location) throw new Error(`The provider answered ${response.status} without a redirect: ${(await response.text()).slice(0, 300)}`);
    url = new URL(location, url).toString();
  }
  throw new Error("Too many redirects at the provider");
}
