using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Tests.Normalisation;

/// <summary>
/// Each vendor's published category list (Normalisation/VendorCategoryLists/{vendor}.csv, source named in its header)
/// must be mapped entry by entry — by id and by name where the vendor has both — so a category added to a list fails
/// here until the crosswalk says what it is.
/// </summary>
public sealed class CrosswalkCompletenessTests
{
    private static readonly string ListFolder = Path.Combine(AppContext.BaseDirectory, "Normalisation", "VendorCategoryLists");

    /// <summary>Formats whose categories are our own UKSIC codes or free labels, read through the any-vendor list.</summary>
    private static readonly HashSet<string> VendorsWithoutAPublishedList = ["canonical", "cef"];

    public static TheoryData<string> Vendors()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ListFolder, "*.csv").Order()) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    private static IReadOnlyList<(string? Id, string? Name)> PublishedList(string vendor)
    {
        var text = File.ReadAllText(Path.Combine(ListFolder, vendor + ".csv"));
        var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith('#'));
        CsvTable.TryRead(string.Join('\n', lines), hasHeader: true, out var table, out var error).ShouldBeTrue(error);
        return table.Rows.Select(r => (CsvTable.Cell(r.Cells, table.Column("id")), CsvTable.Cell(r.Cells, table.Column("name")))).ToList();
    }

    [Theory]
    [MemberData(nameof(Vendors))]
    public void every_published_category_maps_to_a_uksic_category_and_4c(string vendor)
    {
        var crosswalk = SeedCrosswalk.Build();
        var list = PublishedList(vendor);
        list.Count.ShouldBeGreaterThan(5, $"{vendor}: the published list looks truncated");
        var unmapped = new List<string>();
        foreach (var (id, name) in list)
        {
            if (id is not null && crosswalk.Classify(vendor, [new VendorCategory(id, null)]).Unknown) unmapped.Add($"id {id}");
            if (name is not null && crosswalk.Classify(vendor, [new VendorCategory(null, name)]).Unknown) unmapped.Add($"name '{name}'");
        }
        unmapped.ShouldBeEmpty($"{vendor}: add these to services/filtering-ingest/Normalisation/Crosswalks/{vendor}.csv");
    }

    [Fact]
    public void every_vendor_an_adapter_reads_has_a_published_list()
    {
        var listed = Directory.GetFiles(ListFolder, "*.csv").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        foreach (var vendor in new FormatAdapters().All.Select(a => a.Vendor).Distinct())
            (listed.Contains(vendor) || VendorsWithoutAPublishedList.Contains(vendor)).ShouldBeTrue($"{vendor} has no category list in {ListFolder}");
    }

    [Fact]
    public void every_seed_crosswalk_entry_names_a_uksic_category_and_a_4c() =>
        SeedCrosswalk.Entries.Keys.ShouldBe(["*", "cisco-umbrella", "fortinet", "google-workspace", "impero", "lightspeed", "linewize", "microsoft",
            "netsweeper", "palo-alto", "securly", "senso", "smoothwall", "sophos", "squid"], ignoreOrder: true);

    [Fact]
    public void a_crosswalk_file_with_an_unknown_uksic_code_is_refused_at_start_up() =>
        Should.Throw<InvalidOperationException>(() => SeedCrosswalk.Parse("test", "category_id,label,uksic,four_c\n1,Knitting,crafts,content"))
            .Message.ShouldContain("line");

    [Fact]
    public void fortiguard_ids_and_names_agree_on_every_published_category()
    {
        var crosswalk = SeedCrosswalk.Build();
        foreach (var (id, name) in PublishedList("fortinet"))
        {
            var byId = crosswalk.Classify("fortinet", [new VendorCategory(id, null)]);
            var byName = crosswalk.Classify("fortinet", [new VendorCategory(null, name)]);
            (byId.Uksic, byId.FourC).ShouldBe((byName.Uksic, byName.FourC), $"FortiGuard {id} {name}");
        }
    }

    public static TheoryData<string, VendorCategory, string> SafeguardingCategories() => new()
    {
        { "fortinet", new("12", "Extremist Groups"), Uksic.Ctiru },
        { "fortinet", new("83", null), Uksic.Iwf },
        { "fortinet", new(null, "Child Abuse"), Uksic.Iwf },
        { "fortinet", new("96", null), Uksic.Ctiru },
        { "fortinet", new(null, "Nudity and Risqué"), Uksic.Pornography },
        { "lightspeed", new(null, "adult.porn.amateur"), Uksic.Pornography },
        { "lightspeed", new(null, "violence.extremism"), Uksic.Extremism },
        { "cisco-umbrella", new(null, "Terrorism and Violent Extremism"), Uksic.Ctiru },
        { "smoothwall", new(null, "Suicide"), Uksic.SelfHarm },
        { "squid", new(null, "drogue"), Uksic.Drugs },
        { "microsoft", new("Ransomware", "Ransomware activity on one endpoint"), Uksic.MalwareHacking },
        { "palo-alto", new(null, "extremism"), Uksic.Ctiru },
        { "palo-alto", new(null, "spyware"), Uksic.MalwareHacking },
        { "sophos", new(null, "Pro-Suicide & Self-Harm"), Uksic.SelfHarm },
        { "sophos", new(null, "Militancy & Extremist"), Uksic.Ctiru },
        { "senso", new(null, "Self Harm"), Uksic.SelfHarm },
        { "senso", new(null, "Child Sexual Exploitation"), Uksic.Iwf },
        { "securly", new(null, "Self-harm"), Uksic.SelfHarm },
        { "securly", new(null, "network misuse"), Uksic.MalwareHacking },
        { "netsweeper", new(null, "Terrorism"), Uksic.Ctiru },
        { "netsweeper", new(null, "Extreme"), Uksic.SelfHarm },
        { "impero", new(null, "Radicalisation"), Uksic.Extremism },
        { "impero", new(null, "Grooming"), Uksic.Iwf },
        { "linewize", new(null, "Suicide Searches"), Uksic.SelfHarm },
        { "linewize", new(null, "Terrorism & Extremism"), Uksic.Ctiru },
    };

    [Theory]
    [MemberData(nameof(SafeguardingCategories))]
    public void safeguarding_categories_land_where_a_dsl_expects(string vendor, VendorCategory category, string uksic) =>
        SeedCrosswalk.Build().Classify(vendor, [category]).Uksic.ShouldBe(uksic);

    [Fact]
    public void an_unlisted_category_is_still_other_and_counted_as_unknown()
    {
        var result = SeedCrosswalk.Build().Classify("fortinet", [new VendorCategory("140", "Local: staff only")]);
        result.Uksic.ShouldBe(Uksic.Other);
        result.Unknown.ShouldBeTrue();
    }
}
