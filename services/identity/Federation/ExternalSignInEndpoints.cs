using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Login;
using TrustSafety.Identity.StaffAccounts;

namespace TrustSafety.Identity.Federation;

/// <summary>
/// <c>/account/external/{provider}</c> starts a sign-in at Entra ID or Google; <c>/account/external/complete</c> maps
/// the account that comes back to a current staff account (by the provider's subject once linked, by e-mail the first
/// time) and starts identity's session, or shows why not — never a token for an account the trust has not invited.
/// </summary>
internal static partial class ExternalSignInEndpoints
{
    public const string CompletePath = "/account/external/complete";

    public static IEndpointRouteBuilder MapExternalSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/external/{provider:regex(^(entra|google)$)}", Start).ExcludeFromDescription().WithName("StartExternalSignIn");
        app.MapGet(CompletePath, Complete).ExcludeFromDescription().WithName("CompleteExternalSignIn");
        return app;
    }

    private static async Task<Results<NotFound, EmptyHttpResult, RedirectHttpResult>> Start(string provider, HttpContext context, IOptions<IdentityProviderOptions> identity,
        ILoggerFactory loggers, string? returnUrl)
    {
        if (ExternalSignIn.Configured(identity.Value.ExternalSignIn).All(p => p.Scheme != provider)) return TypedResults.NotFound();
        var local = LoginEndpoints.LocalOrRoot(returnUrl);
        var properties = new AuthenticationProperties { RedirectUri = CompletePath + QueryString.Create("returnUrl", local) };
        properties.Items[ExternalSignIn.ProviderItem] = provider;
        try
        {
            // The OpenID Connect handler reads the provider's metadata first: when the provider cannot be reached (network,
            // DNS, a slow answer under load) that throws, which would be a bare 500. The person gets the sign-in page back
            // with a message instead, and the operator a warning naming the provider.
            await context.ChallengeAsync(provider, properties);
            return TypedResults.Empty;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException
                                  && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            CouldNotStart(loggers.CreateLogger(typeof(ExternalSignInEndpoints)), e, provider);
            return TypedResults.LocalRedirect("/account/login?external=unavailable&ReturnUrl=" + Uri.EscapeDataString(local));
        }
    }

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> Complete(HttpContext context, StaffAccountsDbContext db, IOptions<IdentityProviderOptions> identity,
        TimeProvider clock, string? returnUrl, CancellationToken cancellationToken)
    {
        var result = await context.AuthenticateAsync(ExternalSignIn.ExternalScheme);
        await context.SignOutAsync(ExternalSignIn.ExternalScheme);
        if (!result.Succeeded || result.Properties?.Items.TryGetValue(ExternalSignIn.ProviderItem, out var provider) != true || provider is null)
            return TypedResults.LocalRedirect("/account/login?ReturnUrl=" + Uri.EscapeDataString(LoginEndpoints.LocalOrRoot(returnUrl)));

        var external = ExternalSignIn.Read(provider, result.Principal!, identity.Value.ExternalSignIn);
        var email = external.Email?.Trim().ToLowerInvariant();
        StaffAccount? account = null;
        string? refusal = external.Refusal;
        if (refusal is null && external.Subject.Length > 0)
        {
            account = await db.Accounts.SingleOrDefaultAsync(
                a => a.Provider == external.Provider && a.ExternalSubject == external.Subject && a.RemovedAt == null, cancellationToken);
            if (account is null && email is not null)
            {
                account = await db.Accounts.SingleOrDefaultAsync(a => a.Email == email && a.RemovedAt == null, cancellationToken);
                if (account?.ExternalSubject is not null)
                {
                    // The address was given to a different account at the provider since the link was made.
                    refusal = "This address is linked to a different account at your provider. Ask your trust administrator to invite you again.";
                    account = null;
                }
                else if (account is not null)
                {
                    account.Provider = external.Provider;
                    account.ExternalSubject = external.Subject;
                    account.Version++;
                    db.Audit.Add(new StaffAccessAuditEntry
                    {
                        At = clock.GetUtcNow(), Action = "linked", AccountId = account.Id, Email = account.Email,
                        ActorId = account.Id.ToString(), ActorName = account.Name,
                        Detail = $"first sign-in with {external.ProviderName} linked this account to subject {external.Subject}",
                    });
                    await db.SaveChangesAsync(cancellationToken);
                }
            }
        }

        if (account is null)
        {
            db.Audit.Add(new StaffAccessAuditEntry
            {
                At = clock.GetUtcNow(), Action = "sign-in-refused", Email = email ?? "", ActorId = $"{external.Provider}:{external.Subject}",
                ActorName = external.Name ?? "", Detail = refusal ?? $"no current staff account for this {external.ProviderName} account",
            });
            await db.SaveChangesAsync(cancellationToken);
            return NoAccessPage(external, email, refusal);
        }

        await IdpSession.SignInAsync(context, account.AsPerson());
        return TypedResults.LocalRedirect(LoginEndpoints.LocalOrRoot(returnUrl));
    }

    private static ContentHttpResult NoAccessPage(ExternalSignIn.ExternalAccount external, string? email, string? refusal)
    {
        var who = WebUtility.HtmlEncode(email ?? "this account");
        var why = WebUtility.HtmlEncode(refusal
            ?? $"Your {external.ProviderName} account {email} signed in, but your trust has not given it access to TrustSafety, or has removed it.");
        var html = $$"""
            <!doctype html>
            <html lang="en-GB">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>No access to TrustSafety</title>
              <style>
                body { font-family: system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #0b0c0c; }
                main { max-width: 32rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 4px; }
                h1 { font-size: 1.5rem; margin-top: 0; }
                a:focus { outline: 3px solid #fd0; }
              </style>
            </head>
            <body>
              <main>
                <h1 id="no-access">You do not have access to TrustSafety</h1>
                <p>{{why}}</p>
                <p>If you should have access, ask your trust's TrustSafety administrator (usually the trust IT team) to invite
                  <strong>{{who}}</strong> and set your school and role. Nothing about you has been stored except this refused sign-in.</p>
                <p><a href="/account/login">Sign in with a different account</a></p>
              </main>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "External sign-in with {Provider} could not start: the provider's metadata could not be read")]
    private static partial void CouldNotStart(ILogger logger, Exception exception, string provider);
}
