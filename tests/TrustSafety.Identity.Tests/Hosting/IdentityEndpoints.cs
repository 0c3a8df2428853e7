using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Conventions.Tests;

namespace TrustSafety.Identity.Tests.Hosting;

/// <summary>
/// The endpoint convention of TrustSafety.Conventions.Tests (<c>Endpoints</c>) for identity, checked here because only this
/// test assembly can load identity's Npgsql 10: every endpoint identity maps has an operation name and answers with typed
/// results, with no exceptions; the OpenID Connect protocol and sign-in endpoints (none in the OpenAPI document) included.
/// </summary>
public sealed class IdentityEndpoints(IdentityProviderFixture identity) : IClassFixture<IdentityProviderFixture>
{
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
        var untyped = Endpoints().Where(e => !ServiceEndpoints.IsTyped(e)).Select(ServiceEndpoints.Describe).Order(StringComparer.Ordinal).ToList();
        untyped.ShouldBeEmpty("identity: return Results<Ok<T>, …> / Ok<T> (TypedResults), not IResult:\n" + string.Join("\n", untyped));
    }
}
