using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace TrustSafety.Consent.ImportingRoster;

/// <summary>One pupil as the MIS export gives it, already checked. Line is the file's line (the header is line 1).</summary>
public sealed record MisPupil(
    int Line, string Upn, string LegalForename, string LegalSurname, string? PreferredForename, string? PreferredSurname,
    DateOnly DateOfBirth, int YearGroup, string ClassName, DateOnly? AdmissionDate, DateOnly? LeavingDate,
    IReadOnlyList<string> Accounts);

/// <summary>Why a row cannot be imported: the line, the column as the file names it, and what to fix.</summary>
public sealed record BadRow(int Line, string Column, string Reason);

public sealed record ParsedMisExport(
    string Layout, IReadOnlyList<MisPupil> Pupils, IReadOnlyList<BadRow> BadRows, string? FileError,
    IReadOnlyDictionary<string, string> ColumnsUsed);

/// <summary>
/// Reads the pupil-list CSV exports of SIMS (Report Designer / "Student List"), Arbor ("Students" export) and Bromcom
/// ("Student List" report) by their header names; the layout is recognised from the headers each one uses (or named by
/// the caller). Accounts: any username / e-mail column (several allowed, or several accounts in one cell separated by ';').
/// </summary>
public static partial class MisExport
{
    public const int MaxRows = 5000;
    public const string Sims = "sims";
    public const string Arbor = "arbor";
    public const string Bromcom = "bromcom";
    public static readonly string[] Layouts = [Sims, Arbor, Bromcom];

    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["upn"] = ["upn", "uniquepupilnumber", "pupilupn", "studentupn"],
        ["legalForename"] = ["legalforename", "legalfirstname", "forename", "firstname", "legalgivenname"],
        ["legalSurname"] = ["legalsurname", "legallastname", "surname", "lastname", "legalfamilyname"],
        ["preferredForename"] = ["preferredforename", "preferredfirstname", "knownasforename", "chosenforename"],
        ["preferredSurname"] = ["preferredsurname", "preferredlastname", "knownassurname", "chosensurname"],
        ["dateOfBirth"] = ["dob", "dateofbirth", "birthdate"],
        ["yearGroup"] = ["year", "yeargroup", "ncyear", "nationalcurriculumyear", "curriculumyear", "yeartaughtin"],
        ["class"] = ["reg", "reggroup", "registrationgroup", "registrationform", "form", "tutorgroup", "class", "regform"],
        ["admissionDate"] = ["admissiondate", "dateofadmission", "startdate", "enrolmentstartdate", "entrydate"],
        ["leavingDate"] = ["leavingdate", "dateofleaving", "enddate", "enrolmentenddate", "leftdate"],
    };

    private static readonly string[] AccountHeaders =
    [
        "username", "login", "networklogin", "networkusername", "email", "emailaddress", "schoolemail", "pupilemail",
        "studentemail", "schoolemailaddress", "googleaccount", "microsoftaccount", "signinaccount", "signinaccounts", "accounts",
    ];

    /// <summary>Headers only one MIS uses: how "auto" tells the three apart.</summary>
    private static readonly (string Layout, string[] Headers)[] Signatures =
    [
        (Arbor, ["arborstudentid", "registrationform", "legalfirstname", "enrolmentstartdate"]),
        (Bromcom, ["bromcomid", "studentid", "tutorgroup", "ncyear", "dateofadmission"]),
        (Sims, ["adno", "reg", "yeartaughtin", "admissiondate", "legalforename"]),
    ];

    private static readonly string[] Required = ["upn", "legalForename", "legalSurname", "dateOfBirth", "yearGroup", "class"];

    public static ParsedMisExport Parse(string text, string? layout, DateOnly today)
    {
        var bad = new List<BadRow>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = r => bad.Add(new BadRow((int)r.LineNumber, "(row)",
                "The row's columns do not match the header (a stray comma or an unclosed quote); re-export the file or quote the value.")),
        };
        using var csv = CsvReader.FromText(text.TrimStart('\uFEFF'), options);
        csv.ReadHeader();
        var headers = csv.Headers;
        var normalised = headers.Select(Normalise).ToList();
        var detected = layout ?? Detect(normalised);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        var accountColumns = new List<int>();
        for (var i = 0; i < headers.Count; i++)
        {
            foreach (var (field, names) in Aliases)
                if (!columns.ContainsKey(field) && names.Contains(normalised[i])) { columns[field] = i; used[field] = headers[i]; }
            if (AccountHeaders.Contains(normalised[i])) { accountColumns.Add(i); used[$"accounts[{accountColumns.Count - 1}]"] = headers[i]; }
        }
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
            return new ParsedMisExport(detected, [], [], "The first row must name the columns " + string.Join(", ", missing.Select(Example))
                + ". Found: " + string.Join(", ", headers.Select(h => $"'{h}'")) + ". Export the pupil list from SIMS, Arbor or Bromcom with a header row.", used);

        string Header(string field) => headers[columns[field]];
        var pupils = new List<MisPupil>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var count = 0;
        while (csv.Read())
        {
            if (++count > MaxRows)
                return new ParsedMisExport(detected, [], [], $"The file has more than {MaxRows} pupils; export one key stage at a time with ?missing=keep.", used);
            var line = (int)csv.LineNumber;
            string? Get(string field) => columns.TryGetValue(field, out var i) && i < csv.FieldCount
                ? csv.GetString(i) is { Length: > 0 } v ? v.Trim() : null
                : null;
            var before = bad.Count;
            void Bad(string field, string reason) => bad.Add(new BadRow(line, columns.ContainsKey(field) ? Header(field) : field, reason));

            if (Enumerable.Range(0, csv.FieldCount).All(i => string.IsNullOrWhiteSpace(csv.GetString(i)))) continue;
            var upn = Get("upn")?.ToUpperInvariant();
            if (upn is null) Bad("upn", "The UPN is missing: every pupil needs the 13-character unique pupil number from the MIS.");
            else if (!IsUpn(upn)) Bad("upn", $"'{upn}' is not a valid UPN: a check letter, 11 digits and a digit or letter (e.g. A123456789012), with a matching check letter.");
            else if (seen.TryGetValue(upn, out var first)) Bad("upn", $"UPN {upn} is also on line {first}: each pupil may appear once.");
            else seen[upn] = line;

            var legalForename = Name(Get("legalForename"), "legalForename", Bad);
            var legalSurname = Name(Get("legalSurname"), "legalSurname", Bad);
            var preferredForename = Get("preferredForename") is { } pf ? Name(pf, "preferredForename", Bad) : null;
            var preferredSurname = Get("preferredSurname") is { } ps ? Name(ps, "preferredSurname", Bad) : null;

            var dob = DateOf(Get("dateOfBirth"));
            if (dob is null) Bad("dateOfBirth", $"'{Get("dateOfBirth")}' is not a date of birth: use dd/mm/yyyy (e.g. 14/03/2015) or yyyy-mm-dd.");
            else if (dob > today.AddYears(-2) || dob < today.AddYears(-25))
                Bad("dateOfBirth", $"{dob:dd/MM/yyyy} is not a pupil's date of birth (2 to 25 years ago); check day and month are not swapped.");

            var year = YearGroup(Get("yearGroup"));
            if (year is null) Bad("yearGroup", $"'{Get("yearGroup")}' is not a year group: use 'Nursery', 'Reception', 'Year 1' … 'Year 13', or N, R, 1-13.");

            var className = Get("class");
            if (className is null || className.Length > 40) Bad("class", "Give the registration group or class (1-40 characters), e.g. '7B' or 'Oak'.");

            DateOnly? admission = null, leaving = null;
            if (Get("admissionDate") is { } a && (admission = DateOf(a)) is null)
                Bad("admissionDate", $"'{a}' is not a date: use dd/mm/yyyy or yyyy-mm-dd, or leave it empty.");
            if (Get("leavingDate") is { } l && (leaving = DateOf(l)) is null)
                Bad("leavingDate", $"'{l}' is not a date: use dd/mm/yyyy or yyyy-mm-dd, or leave it empty.");
            if (admission is not null && leaving is not null && leaving < admission)
                Bad("leavingDate", $"The leaving date {leaving:dd/MM/yyyy} is before the admission date {admission:dd/MM/yyyy}.");

            var accounts = new List<string>();
            foreach (var i in accountColumns)
            {
                if (i >= csv.FieldCount) continue;
                foreach (var account in (csv.GetString(i) ?? "").Split([';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (account.Length > 254 || !AccountPattern().IsMatch(account))
                        bad.Add(new BadRow(line, headers[i], $"'{account}' is not a sign-in account: a user name or e-mail address without spaces (at most 254 characters)."));
                    else if (!accounts.Contains(account.ToLowerInvariant())) accounts.Add(account.ToLowerInvariant());
                }
            }

            if (bad.Count == before)
                pupils.Add(new MisPupil(line, upn!, legalForename!, legalSurname!, preferredForename, preferredSurname, dob!.Value,
                    year!.Value, className!, admission, leaving, accounts));
        }
        if (count == 0 && bad.Count == 0)
            return new ParsedMisExport(detected, [], [], "The file has a header row but no pupils.", used);
        return new ParsedMisExport(detected, pupils, bad.OrderBy(b => b.Line).ToList(), null, used);
    }

    public static string Detect(IReadOnlyList<string> normalisedHeaders) =>
        Signatures.Select(s => (s.Layout, Score: s.Headers.Count(normalisedHeaders.Contains))).OrderByDescending(s => s.Score)
            .First() is { Score: > 0 } best ? best.Layout : "csv";

    /// <summary>The DfE UPN: a check letter, 11 digits, then a digit (permanent) or a letter (temporary UPN).</summary>
    public static bool IsUpn(string upn) => UpnPattern().IsMatch(upn) && upn[0] == CheckLetter(upn);

    private const string UpnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    public static char CheckLetter(string upn)
    {
        var sum = 0;
        for (var i = 1; i < 13; i++)
        {
            var c = upn[i];
            var value = char.IsDigit(c) ? c - '0' : UpnLetters.IndexOf(c);
            sum += value * (i + 1);
        }
        return UpnLetters[sum % 23];
    }

    public static int? YearGroup(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Trim() == "-1") return -1;
        var t = Normalise(text);
        if (t is "n" or "n1" or "n2" or "nursery" or "nur" or "yn") return -1;
        if (t is "r" or "rec" or "reception" or "yr" or "0" or "year0") return 0;
        var digits = t.StartsWith("year", StringComparison.Ordinal) ? t[4..] : t.StartsWith('y') ? t[1..] : t;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1 and <= 13 ? y : null;
    }

    private static readonly string[] DateFormats =
        ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d MMM yyyy", "dd MMM yyyy", "d MMMM yyyy"];

    public static DateOnly? DateOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim();
        // Excel-saved exports add a midnight time to every date.
        if (t.Length > 10 && (t.EndsWith(" 00:00:00", StringComparison.Ordinal) || t.EndsWith(" 00:00", StringComparison.Ordinal))) t = t[..t.IndexOf(' ', 8)];
        if (t.Length > 10 && t[10] == 'T') t = t[..10];
        return DateOnly.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    private static string? Name(string? value, string field, Action<string, string> bad)
    {
        if (value is null) { bad(field, "The name is missing: the MIS export must give legal forename and surname."); return null; }
        if (value.Length > 100 || !NamePattern().IsMatch(value))
        {
            bad(field, "A name has letters, spaces, hyphens and apostrophes only (at most 100 characters); check the column order.");
            return null;
        }
        return value;
    }

    private static string Example(string field) => field switch
    {
        "upn" => "'UPN'",
        "legalForename" => "'Legal Forename' (or 'Legal First Name')",
        "legalSurname" => "'Legal Surname' (or 'Legal Last Name')",
        "dateOfBirth" => "'DOB' (or 'Date of Birth')",
        "yearGroup" => "'Year' (or 'Year Group', 'NC Year')",
        _ => "'Reg' (or 'Registration Form', 'Tutor Group', 'Class')",
    };

    private static string Normalise(string header) => new(header.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    [GeneratedRegex("^[A-Z][0-9]{11}[0-9A-Z]$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UpnPattern();

    [GeneratedRegex(@"^[\p{L}\p{M}][\p{L}\p{M}' .\-’]*$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._%+\-\\]+(@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})?$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AccountPattern();
}
