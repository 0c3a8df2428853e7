using TrustSafety.Consent.Aup;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.Questions;
using TrustSafety.Consent.Retention;
using TrustSafety.Consent.Roster;
using TrustSafety.Consent.SubjectAccess;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Consent;

public static class ConsentPolicies
{
    /// <summary>Define consent types and wordings, AUP versions, the roster, campaigns: DSL, deputy, headteacher, IT admin.</summary>
    public const string Manage = "consent-manage";

    public static WebApplicationBuilder AddConsentPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(Manage, p => p.RequireAuthenticatedUser()
            .RequireClaim(PlatformClaims.School)
            .RequireRole(PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.ItAdmin));
        return builder;
    }
}

public static class ConsentApi
{
    public static WebApplication MapConsentApi(this WebApplication app)
    {
        var api = app.MapGroup("").WithTags("consent");
        api.MapRoster();
        api.MapConsentTypes();
        api.MapResponses();
        api.MapRequests();
        api.MapQuestions();
        api.MapRetention();
        api.MapAups();
        api.MapSubjectAccess();
        return app;
    }
}
