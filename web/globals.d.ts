// The browser builds index.html loads from wwwroot/lib as plain scripts (not modules) are globals on window; they are
// typed from the npm packages scripts/copy-lib.mjs copies them from, so a call into either library is checked too.
interface Window {
  /** oidc-client-ts's browser build (lib/oidc-client-ts): UserManager, WebStorageStateStore, … */
  oidc?: typeof import("oidc-client-ts");
  /** Chart.js's UMD build (lib/chart.js), with every chart type registered. */
  Chart?: typeof import("chart.js").Chart;
}

// The libraries' own types the dashboard names (its files cannot import from web/node_modules).
/** A Chart.js chart's type, data and options (charts.js builds them). */
type ChartConfiguration = import("chart.js").ChartConfiguration;
/** oidc-client-ts's sign-in manager (auth.js). */
type OidcUserManager = import("oidc-client-ts").UserManager;
/** The signed-in user with their tokens and id token claims (auth.js). */
type OidcUser = import("oidc-client-ts").User;
