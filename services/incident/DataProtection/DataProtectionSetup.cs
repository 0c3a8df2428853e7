using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Options;
using TrustSafety.Incident.Retention;
using TrustSafety.Incident.SubjectAccess;
using TrustSafety.ServiceDefaults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.DataProtection;

public static class DataProtectionSetup
{
    /// <summary>Retention, legal holds, erasure and subject access are the school DSL's decisions alone.</summary>
    public const string DslOnly = "dsl-only";

    public static WebApplicationBuilder AddIncidentDataProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DataProtectionOptions>().BindConfiguration(DataProtectionOptions.Section)
            .Validate(o => DataProtectionOptions.IsValidKey(o.KeyEncryptionKey),
                "DataProtection:KeyEncryptionKey must be base64 of 32 random bytes (openssl rand -base64 32), from a secret store.")
            .Validate(o => o.PreviousKeyEncryptionKeys.All(DataProtectionOptions.IsValidKey),
                "Each of DataProtection:PreviousKeyEncryptionKeys must be base64 of 32 bytes: the key it replaced, from the secret store or its escrow copy.")
            .Validate(o => o.RewrapInterval > TimeSpan.Zero && o.RewrapBatchSize > 0,
                "DataProtection:RewrapInterval and RewrapBatchSize must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidation>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(DslOnly, p => p.RequireAuthenticatedUser()
            .RequireClaim(PlatformClaims.School).RequireRole(PlatformRoles.Dsl));
        builder.Services.AddSingleton<KeyEncryptionKeys>();
        builder.Services.AddSingleton<Keyring>();
        builder.Services.AddSingleton<KeyRewrap>();
        builder.Services.AddHostedService<KeyRewrapTimer>();
        builder.Services.AddSingleton<KeyEncryptionKeysHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<KeyEncryptionKeysHealthCheck>("key-encryption-keys",
            tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.Services.AddSingleton<IncidentPersonalData>();
        builder.Services.AddSingleton<RetentionReview>();
        builder.Services.AddHostedService<RetentionReviewTimer>();
        return builder;
    }

    public static void Configure(StoreOptions opts)
    {
        var events = opts.Events;
        events.MapEventType<LegalHoldPlaced>("legal_hold_placed.v1");
        events.MapEventType<LegalHoldReleased>("legal_hold_released.v1");
        events.MapEventType<RetentionReviewDue>("retention_review_due.v1");
        events.MapEventType<IncidentDisposed>("incident_disposed.v1");
        events.MapEventType<PersonErased>("person_erased.v1");
        events.MapEventType<ErasureScheduled>("erasure_scheduled.v1");
        events.MapEventType<SubjectAccessExported>("subject_access_exported.v1");
        opts.Projections.Snapshot<RetentionFile>(SnapshotLifecycle.Inline);
        opts.Schema.For<PersonDataKey>();
        opts.Schema.For<PendingErasure>();
    }

    public static WebApplication MapDataProtectionApi(this WebApplication app)
    {
        var group = app.MapGroup("").WithTags("Data protection").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        RetentionApi.Map(group);
        ErasePerson.Map(group);
        SubjectAccessExport.Map(group);
        return app;
    }
}

internal sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
