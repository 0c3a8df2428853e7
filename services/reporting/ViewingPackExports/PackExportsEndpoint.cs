using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Packs;
using TrustSafety.Reporting.PrintingGovernorPack;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.ViewingPackExports;

public static class PackExportsEndpoint
{
    public static WebApplication MapPackExports(this WebApplication app)
    {
        app.MapGet("/exports", Exports).WithName("ListPackExports").WithTags("packs").WithSummary("Who exported which pack: own school, or the trust board pack for the trust lead");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<ExportRecord>>, ForbidHttpResult>> Exports(CurrentUser user, IDocumentStore store, CancellationToken ct)
    {
        string tenant;
        if (user.IsInRole(PlatformRoles.TrustLead)) tenant = PackEndpoints.TrustTenant;
        else if (user.SchoolUrn is not null && user.IsInAnyRole(PlatformRoles.SafeguardingTeam)) tenant = user.SchoolUrn;
        else return TypedResults.Forbid();
        await using var session = store.QuerySession(tenant);
        return TypedResults.Ok<IReadOnlyList<ExportRecord>>(await session.Query<ExportRecord>().OrderByDescending(e => e.At).Take(500).ToListAsync(ct));
    }
}
