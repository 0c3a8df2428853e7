// @ts-check
// Sign-in with the platform's identity provider: authorization code + PKCE through the gateway (same origin),
// tokens kept in sessionStorage for this tab only.
const origin = window.location.origin;

/** @type {OidcUserManager | undefined} */
let manager;

/** @returns {OidcUserManager} */
export function userManager() {
  if (manager) return manager;
  if (!window.oidc) throw new Error("The sign-in library did not load (/lib/oidc-client-ts). Rebuild the gateway so its wwwroot/lib is filled.");
  manager = new window.oidc.UserManager({
    authority: origin + "/",
    metadataUrl: origin + "/.well-known/openid-configuration",
    client_id: "trustsafety-dashboard",
    redirect_uri: origin + "/signin-callback.html",
    post_logout_redirect_uri: origin + "/",
    response_type: "code",
    scope: "openid profile roles school api offline_access",
    loadUserInfo: false,
    automaticSilentRenew: true,
    userStore: new window.oidc.WebStorageStateStore({ store: window.sessionStorage }),
  });
  return manager;
}

/**
 * The signed-in user, or null when there is none or the token has expired.
 * @returns {Promise<OidcUser | null>}
 */
export async function currentUser() {
  const user = await userManager().getUser();
  return user && !user.expired ? user : null;
}

export function signIn(returnTo = window.location.hash || "#/") {
  return userManager().signinRedirect({ state: { returnTo } });
}

export async function signOut() {
  const user = await userManager().getUser();
  await userManager().removeUser();
  await userManager().signoutRedirect({ id_token_hint: user?.id_token });
}

/**
 * Roles and school from the id token (identity puts role and school in both tokens when those scopes are granted).
 * @param {OidcUser} user
 */
export function describe(user) {
  /** @type {{ sub?: string, name?: string, preferred_username?: string, role?: string | string[], school?: string }} */
  const p = user.profile ?? {};
  /** @type {string[]} */
  const roles = [].concat(p.role ?? []);
  return {
    id: p.sub ?? "",
    name: p.name ?? p.preferred_username ?? "Signed in",
    userName: p.preferred_username ?? "",
    roles,
    school: p.school ?? null,
    has: (...wanted) => wanted.some((r) => roles.includes(r)),
  };
}

/** @typedef {ReturnType<typeof describe>} Me The signed-in person as the views see them (roles, school, has(…roles)). */
