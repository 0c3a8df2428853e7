namespace TrustSafety.FilteringIngest.Tests.Sources;

public sealed class UnknownCategoryCountTests
{
    private static SourceBatchRecorded Batch(params UnknownCategoryCount[] unknown) =>
        new(Guid.Empty, DateTimeOffset.UnixEpoch, "webhook", unknown.Length, 0, 0, unknown.Length, null, unknown);

    [Fact]
    public void a_sources_unknown_categories_are_summed_per_vendor_id_and_label_most_seen_first()
    {
        var health = new SourceHealth();
        var projection = new SourceHealthProjection();
        projection.Apply(Batch(new UnknownCategoryCount("fortinet", "140", "Local: staff", 2), new UnknownCategoryCount("fortinet", "141", null, 1)), health);
        projection.Apply(Batch(new UnknownCategoryCount("fortinet", "141", null, 5)), health);
        projection.Apply(new SourceBatchRecorded(Guid.Empty, DateTimeOffset.UnixEpoch, "webhook", 1, 0, 0, 0, null), health);

        health.UnknownCategoryCounts.ShouldBe([new UnknownCategoryCount("fortinet", "141", null, 6), new UnknownCategoryCount("fortinet", "140", "Local: staff", 2)]);
    }

    [Fact]
    public void a_flood_of_one_off_labels_cannot_grow_the_health_document_without_bound()
    {
        var health = new SourceHealth();
        var projection = new SourceHealthProjection();
        projection.Apply(Batch(new UnknownCategoryCount("squid", null, "kept", 1000)), health);
        projection.Apply(Batch(Enumerable.Range(0, 500).Select(i => new UnknownCategoryCount("squid", null, $"x{i}", 1)).ToArray()), health);

        health.UnknownCategoryCounts.Count.ShouldBe(SourceHealthProjection.MaxUnknownCategories);
        health.UnknownCategoryCounts[0].Label.ShouldBe("kept");
    }
}
