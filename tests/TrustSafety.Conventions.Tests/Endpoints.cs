using Microsoft.AspNetCore.Routing;

namespace TrustSafety.Conventions.Tests;

/// <summary>
/// Every endpoint a service maps has an operation name (<c>WithName</c>, the OpenAPI operation id) and answers with typed
/// results (<c>Results&lt;Ok&lt;T&gt;, …&gt;</c>, not <c>IResult</c>), so its OpenAPI document says what it returns. Each service
/// and the gateway is hosted from its own Program.cs by <see cref="ServiceEndpoints"/>; identity's endpoints are checked the
/// same way in TrustSafety.Identity.Tests.
/// </summary>
public sealed class Endpoints
{
    public static TheoryData<string> Services => new(Hosts.Keys);

    // Try it: delete `.WithName("ListPolicies")` in services/governance/Policies/PolicyQueries.cs: this test names
    // "GET /policies" of governance.
    [Theory, MemberData(nameof(Services))]
    public void every_endpoint_has_an_operation_name(string service)
    {
        var unnamed = ApiEndpoints(service).Where(e => !ServiceEndpoints.IsNamed(e)).Select(ServiceEndpoints.Describe).ToList();
        unnamed.ShouldBeEmpty($"{service}: give each endpoint .WithName(\"VerbNoun\") (its OpenAPI operation id):\n" + string.Join("\n", unnamed));
    }

    // Try it: change the return type of `Register` in services/governance/RegisteringPolicies/RegisterPolicy.cs to Task<IResult>
    // (its body still compiles): this test names "PUT /policies/{code}" of governance.
    [Theory, MemberData(nameof(Services))]
    public void every_endpoint_answers_with_typed_results(string service)
    {
        var untyped = ApiEndpoints(service).Where(e => !ServiceEndpoints.IsTyped(e)).Select(ServiceEndpoints.Describe).Order().ToList();
        untyped.ShouldBeEmpty($"{service}: return Results<Ok<T>, …> / Ok<T> (TypedResults), not IResult:\n" + string.Join("\n", untyped));
    }

    private static readonly Dictionary<string, Type> Hosts = new()
    {
        ["consent"] = typeof(Consent.EntryPoint),
        ["device-register"] = typeof(DeviceRegister.EntryPoint),
        ["filtering-ingest"] = typeof(FilteringIngest.EntryPoint),
        ["incident"] = typeof(Incident.EntryPoint),
        ["reporting"] = typeof(Reporting.EntryPoint),
        ["notifications"] = typeof(Notifications.EntryPoint),
        ["governance"] = typeof(Governance.EntryPoint),
        ["gateway"] = typeof(Gateway.EntryPoint),
        // identity: checked in TrustSafety.Identity.Tests (IdentityEndpoints), which can load its Npgsql 10.
    };

    private static readonly Dictionary<string, IReadOnlyList<RouteEndpoint>> Built = [];

    private static IReadOnlyList<RouteEndpoint> ApiEndpoints(string service)
    {
        lock (Built)
        {
            if (!Built.TryGetValue(service, out var built))
                Built[service] = built = ServiceEndpoints.Of(Hosts[service], service);
            return built;
        }
    }
}
