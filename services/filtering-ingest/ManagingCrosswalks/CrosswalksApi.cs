using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.FilteringIngest.Normalisation;
using TrustSafety.Platform;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.FilteringIngest.ManagingCrosswalks;

public sealed record ExtendCrosswalk(List<CrosswalkEntry>? Entries);

/// <summary>The answer to extending a vendor's crosswalk: the catalogue's new version, the vendor and all its added entries.</summary>
public sealed record ExtendedCrosswalk(string Version, string Vendor, List<CrosswalkEntry> Entries);

/// <summary>The crosswalk is versioned reference data: IT admins read it; a trust-wide IT admin extends it per vendor.</summary>
public static class CrosswalksApi
{
    public static IEndpointRouteBuilder MapCrosswalksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/crosswalks").RequireAuthorization(PlatformPolicies.ItAdmin).WithTags("Crosswalks");
        group.MapGet("/", (CrosswalkCatalog catalog) => TypedResults.Ok(new
        {
            catalog.Current.Version,
            Categories = Uksic.BySeriousness,
            Vendors = catalog.Current.EntriesByVendor,
        })).WithName("GetCrosswalk");
        group.MapPut("/{vendor}", Extend).WithName("ExtendVendorCrosswalk");
        return app;
    }

    public static Dictionary<string, string[]> Validate(string vendor, ExtendCrosswalk command)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (vendor.Length is 0 or > 64) errors["vendor"] = ["vendor is 1–64 characters, e.g. fortinet, smoothwall, squid."];
        if (command.Entries is null || command.Entries.Count == 0) errors["entries"] = ["Give at least one entry."];
        for (var i = 0; i < (command.Entries?.Count ?? 0); i++)
        {
            var e = command.Entries![i];
            if (e.CategoryId is null && e.Label is null) errors[$"entries[{i}]"] = ["Give the vendor's categoryId, label, or both."];
            if (!Uksic.BySeriousness.Contains(e.Uksic, StringComparer.Ordinal)) errors[$"entries[{i}].uksic"] = [$"uksic must be one of {string.Join(", ", Uksic.BySeriousness)}."];
            if (!FourC.All.Contains(e.FourC, StringComparer.Ordinal)) errors[$"entries[{i}].fourC"] = [$"fourC must be one of {string.Join(", ", FourC.All)}."];
        }
        return errors;
    }

    private static async Task<Results<Ok<ExtendedCrosswalk>, ValidationProblem, ProblemHttpResult>> Extend(string vendor, ExtendCrosswalk command, IDocumentStore store, CurrentUser user,
        CrosswalkCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        if (user.SchoolUrn is not null)
            return TypedResults.Problem(statusCode: 403, title: "Trust IT admins only", detail: "The crosswalk is shared by every school; ask a trust-wide IT admin.");
        var errors = Validate(vendor, command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The crosswalk entries are not valid");
        await using var session = store.LightweightSession(IngestTenants.Trust);
        // Entries are added to what is stored, not to what the caller read: two admins extending one vendor at once each
        // wait for the other's transaction, so neither's entries are written over.
        await session.LockForTransactionAsync($"crosswalk/{vendor.ToLowerInvariant()}", ct);
        var extension = await session.LoadAsync<CrosswalkExtension>(vendor.ToLowerInvariant(), ct) ?? new CrosswalkExtension { Id = vendor.ToLowerInvariant() };
        extension.Version++;
        extension.Entries = extension.Entries.Concat(command.Entries!).ToList();
        extension.ChangedAt = time.GetUtcNow();
        extension.ChangedBy = user.Id;
        session.Store(extension);
        await session.SaveChangesAsync(ct);
        await catalog.RefreshAsync(ct);
        return TypedResults.Ok(new ExtendedCrosswalk(catalog.Current.Version, extension.Id, extension.Entries));
    }
}
