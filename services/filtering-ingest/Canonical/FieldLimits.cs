namespace TrustSafety.FilteringIngest.Canonical;

/// <summary>
/// The longest value each vendor field may carry. The idempotency key (<c>id:{sourceEventId}#{revision}</c>) and the
/// webhook receipt id are primary keys, and a PostgreSQL b-tree entry stops at about 2.7 KB: without these bounds one long
/// id failed its whole batch with a 500 on every retry. A record over a bound is refused on its own, naming the field.
/// URL and search term are not refused but cut (2,048 and 512 characters) by the normaliser, as before.
/// </summary>
public static class FieldLimits
{
    public const int WebhookId = 256;
    public const int SourceEventId = 512;
    public const int Revision = 200;
    public const int Categories = 32;

    private static readonly (string Field, int Max, Func<VendorRecord, string?> Value)[] Bounds =
    [
        ("sourceEventId", SourceEventId, r => r.SourceEventId),
        ("revision", Revision, r => r.Revision),
        ("product", 256, r => r.Product),
        ("subject.user", 320, r => r.User),
        ("subject.group", 256, r => r.Group),
        ("device.name", 256, r => r.DeviceName),
        ("device.ip", 64, r => r.Ip),
        ("device.mac", 64, r => r.Mac),
        ("activity.host", 255, r => r.Host),
        ("activity.application", 256, r => r.Application),
        ("classification.vendorSeverity", 64, r => r.VendorSeverity),
        ("localTime", 64, r => r.VendorLocalTime),
        ("timeZone", 64, r => r.VendorTimeZone),
        ("evidence.uri", 2048, r => r.EvidenceUri),
        ("evidence.sha256", 64, r => r.EvidenceSha256),
    ];

    /// <summary>The first field of the record over its bound, as a record error; null when every field fits.</summary>
    public static RecordError? Check(VendorRecord record, int index)
    {
        foreach (var (field, max, value) in Bounds)
            if (value(record) is { Length: var length } && length > max)
                return new RecordError(index, field, $"{field} is {length} characters; at most {max} are accepted. Shorten it (or leave it out) and resend this record.");
        if (record.Categories.Count > Categories)
            return new RecordError(index, "classification", $"A record may carry at most {Categories} categories; it has {record.Categories.Count}.");
        foreach (var category in record.Categories)
        {
            if (category.Id is { Length: > 256 })
                return new RecordError(index, "classification.categoryId", "classification.categoryId is over 256 characters; shorten it and resend this record.");
            if (category.Label is { Length: > 256 })
                return new RecordError(index, "classification.categoryLabel", "classification.categoryLabel is over 256 characters; shorten it and resend this record.");
        }
        return null;
    }

    /// <summary>Moves every record over a bound from the accepted list to the errors (the rest of the batch goes on).</summary>
    public static void Enforce(AdapterOutput output)
    {
        for (var i = output.Records.Count - 1; i >= 0; i--)
        {
            var (index, record) = output.Records[i];
            if (Check(record, index) is not { } error) continue;
            output.Records.RemoveAt(i);
            output.Errors.Add(error);
        }
        output.Errors.Sort((a, b) => a.Record.CompareTo(b.Record));
    }
}
