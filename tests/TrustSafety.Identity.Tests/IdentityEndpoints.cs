using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Conventions.Tests;

namespace TrustSafety.Identity.Tests;

/// <summary>
/// The endpoint convention of TrustSafety.Conventions.Tests (<c>Endpoints</c>) for identity, checked here because only this
/// test assembly can load identity's Npgsql 10: every endpoint identity maps has an operation name and typed results.
/// </summary>
public sealed class IdentityEndpoints(IdentityProviderFixture identity) : IClassFixture<IdentityProviderFixture>
{
    /// <summary>
    /// Debt from before this check (issue 20): the OpenID Connect protocol endpoints (sign-in form, authorize, token, logout,
    /// external sign-in; none in the OpenAPI document) still return IResult. Shrink only; the typed-results test names a mended one.
    /// </summary>
    private static readonly string[] UntypedToday =
    [
        "GET /account/external/complete",
        "GET /account/external/{provider:regex(^(entra|google)$)}",
        "GET /account/login",
        "GET,POST /connect/authorize",
        "GET,POST /connect/logout",
        "POST /account/login",
        "POST /connect/token",
    ];

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        identity.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<System.Reflection.MethodInfo>() is not null)
            .ToList();

    // Try it: delete `.WithName("ListStaffAccounts")` in services/identity/StaffAccounts/StaffAccountEndpoints.cs: this
    // test names "GET /staff-accounts/".
    [Fact]
    public void every_endpoint_has_an_operation_name()
    {
        var endpoints = Endpoints();
        endpoints.ShouldNotBeEmpty("identity's endpoints should be found");
        var unnamed = endpoints.Where(e => !ServiceEndpoints.IsNamed(e)).Select(ServiceEndpoints.Describe).Order(StringComparer.Ordinal).ToList();
        unnamed.ShouldBeEmpty("identity: give each endpoint .WithName(\"VerbNoun\") (its OpenAPI operation id):\n" + string.Join("\n", unnamed));
    }

    // Try it: change the return type of `ListStaff` in services/identity/Staff/StaffEndpoints.cs to IResult (its body
    // still compiles): this test names "GET /staff".
    [Fact]
    public void every_endpoint_answers_with_typed_results()
    {
        var untyped = Endpoints().Where(e => !ServiceEndpoints.IsTyped(e)).Select(ServiceEndpoints.Describe).ToHashSet(StringComparer.Ordinal);
        var added = untyped.Except(UntypedToday, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        added.ShouldBeEmpty("identity: return Results<Ok<T>, …> / Ok<T> (TypedResults), not IResult:\n" + string.Join("\n", added));
        var mended = UntypedToday.Except(untyped, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        mended.ShouldBeEmpty($"identity: these now answer with typed results; take them off {nameof(UntypedToday)}:\n" + string.Join("\n", mended));
    }
}
