using TrustSafety.Contracts.Reference;

namespace TrustSafety.Incident.ReferenceData;

public sealed record CategoryListVersion(string Version, IReadOnlyList<IncidentCategory> Categories);

/// <summary>The category list every client reads (one place): current version, every earlier version, the filter crosswalk.</summary>
public sealed record CategoryList(
    string Version, IReadOnlyList<IncidentCategory> Categories, IReadOnlyList<string> FourC,
    IReadOnlyDictionary<string, string> FromFilterCategory, IReadOnlyList<CategoryListVersion> Versions)
{
    public static readonly CategoryList Current = new(
        IncidentCategories.Version, IncidentCategories.Current, Contracts.Reference.FourC.All, FilterCategoryCrosswalk.ByFilterCategory,
        IncidentCategories.Versions.Select(v => new CategoryListVersion(v.Version, v.Categories)).ToList());
}

/// <summary>Reference data any signed-in user may read (school staff, the trust lead, governors): nothing in it is about a school.</summary>
public static class ReferenceDataApi
{
    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/reference/categories", () => TypedResults.Ok(CategoryList.Current))
        .WithName("GetCategoryList")
        .WithSummary("The incident category list (versioned), 4C areas and the crosswalk from filter categories (any signed-in user)");
}
