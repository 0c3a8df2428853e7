// @ts-check
import { userManager } from "./auth.js";

const status = document.getElementById("status");
try {
  const user = await userManager().signinRedirectCallback();
  const state = /** @type {{ returnTo?: unknown } | null | undefined} */ (user.state); // what signIn passed (auth.js)
  const returnTo = typeof state?.returnTo === "string" && state.returnTo.startsWith("#") ? state.returnTo : "#/";
  window.location.replace("/" + returnTo);
} catch (error) {
  status.className = "state error";
  status.setAttribute("role", "alert");
  status.textContent = "Sign-in did not complete: " + (error?.message ?? error) + ". ";
  const again = document.createElement("a");
  again.href = "/";
  again.textContent = "Start again";
  status.append(again);
}
