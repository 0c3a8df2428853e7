using TrustSafety.Governance.ImportingTraining;

namespace TrustSafety.Governance.Tests.ImportingTraining;

public sealed class ImportingTrainingCsvTests
{
    private static readonly DateOnly Today = new(2026, 11, 10);

    [Fact]
    public void a_header_without_the_required_columns_names_what_is_missing()
    {
        var (_, error, _) = TrainingImport.Parse("person,kind\r\na,b\r\n");
        error.ShouldNotBeNull();
        error.ShouldContain("person_id");
        error.ShouldContain("completed_on");
    }

    [Fact]
    public void rows_are_numbered_as_in_the_file_and_a_row_with_too_many_cells_is_named()
    {
        var (rows, error, rejected) = TrainingImport.Parse(
            "person_id,name,role,kind,completed_on,provider\n" +
            "t.jones,\"Jones, Tess\",staff,prevent,2026-10-01,Home Office\n" +
            "b.smith,Bea,staff,prevent,2026-10-01,LA,extra\n");
        error.ShouldBeNull();
        rows.Single().Row.ShouldBe(2);
        rows.Single().Name.ShouldBe("Jones, Tess");
        rejected.Single().Row.ShouldBe(3);
    }

    [Theory]
    [InlineData("t jones", "prevent", "2026-10-01", "LA", "person_id")]
    [InlineData("t.jones", "first-aid", "2026-10-01", "LA", "kind")]
    [InlineData("t.jones", "prevent", "01/10/2026", "LA", "completed_on")]
    [InlineData("t.jones", "prevent", "2027-01-01", "LA", "completed_on")]
    [InlineData("t.jones", "prevent", "2026-10-01", "", "provider")]
    public void a_bad_row_names_the_field_and_the_fix(string person, string kind, string on, string provider, string field)
    {
        var problems = TrainingImport.RowProblems(new TrainingCsvRow(2, person, null, null, null, kind, on, provider, null), Today);
        problems.ShouldContain(p => p.StartsWith(field + ":"));
    }

    [Fact]
    public void a_good_row_has_no_problems() =>
        TrainingImport.RowProblems(new TrainingCsvRow(2, "t.jones", "Tess", "staff", "2024-09-01", "prevent", "2026-10-01", "LA", "C-1"), Today)
            .ShouldBeEmpty();
}
