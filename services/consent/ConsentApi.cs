using TrustSafety.Consent.AskingAboutConsent;
using TrustSafety.Consent.CheckingAupSignatures;
using TrustSafety.Consent.DeletingPhotos;
using TrustSafety.Consent.ExpectingAupSignatories;
using TrustSafety.Consent.ExportingSubjectAccess;
using TrustSafety.Consent.ImportingRoster;
using TrustSafety.Consent.LookingUpPupils;
using TrustSafety.Consent.ManagingConsentTypes;
using TrustSafety.Consent.PublishingAups;
using TrustSafety.Consent.RecordingResponses;
using TrustSafety.Consent.RecordingStaffAccounts;
using TrustSafety.Consent.RegisteringPupils;
using TrustSafety.Consent.RequestingConsent;
using TrustSafety.Consent.SigningAups;
using TrustSafety.Consent.WithdrawingConsent;
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
        // One use case after another, in the order the OpenAPI document lists them (web/openapi/consent.json).
        var api = app.MapGroup("").WithTags("consent");
        api.MapPupilRegistration();
        api.MapRosterImport();
        api.MapStaffAccounts();
        api.MapPupilLookup();
        api.MapPupil();
        api.MapConsentTypes();
        api.MapConsentResponses();
        api.MapConsentWithdrawal();
        api.MapPupilConsents();
        api.MapConsentRequests();
        api.MapQuestions();
        api.MapRetention();
        api.MapAupPublishing();
        api.MapAupSignatories();
        api.MapAupSigning();
        api.MapAupSignatureChecks();
        api.MapSubjectAccess();
        return app;
    }
}
