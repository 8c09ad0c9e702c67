using Dossiers.Engine.Agencies;
using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

public class when_loading_the_shipped_workflows
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "workflows");
    private static readonly AgencyRegistry Agencies = AgencyRegistry.Load(Path.Combine(Folder, AgencyRegistry.FileName));

    public static TheoryData<string> Files() => [.. WorkflowCatalog.DefinitionFiles(Folder).Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Files))]
    public void every_file_loads_and_validates(string file)
    {
        var result = WorkflowValidator.LoadAndValidate(File.ReadAllText(Path.Combine(Folder, file)), file, Agencies);
        result.Problems.ShouldBeEmpty(string.Join("\n", result.Problems));
        file.ShouldBe($"{result.Definition!.DefinitionId}.v{result.Definition.Version}.json");
    }

    [Fact]
    public void at_least_ten_procedures_ship()
    {
        var (catalog, problems) = WorkflowCatalog.LoadFolder(Folder, Agencies);
        problems.ShouldBeEmpty();
        catalog.All.Select(d => d.Procedure.Code).Distinct().Count().ShouldBeGreaterThanOrEqualTo(10);
    }

    [Theory]
    [InlineData("1.004222", 7, "WorkingDays")]
    [InlineData("1.004194", 3, "WorkingDays")]
    [InlineData("1.001612", 3, "WorkingDays")]
    [InlineData("1.001193", 1, "SameDay")]
    [InlineData("2.000815", 1, "SameDay")]
    public void legal_times_are_the_law_s(string code, decimal amount, string unit)
    {
        var (catalog, _) = WorkflowCatalog.LoadFolder(Folder, Agencies);
        var legal = catalog.Latest(code)!.Procedure.LegalTime;
        legal.Amount.ShouldBe(amount);
        legal.Unit.ToString().ShouldBe(unit);
    }

    [Fact]
    public void the_inter_agency_birth_chain_runs_police_and_insurance_in_parallel()
    {
        var (catalog, _) = WorkflowCatalog.LoadFolder(Folder, Agencies);
        var chain = catalog.All.Single(d => d.Activities.OfType<ForkActivity>().Any());
        chain.Activities.OfType<JoinActivity>().ShouldHaveSingleItem().Mode.ShouldBe(JoinMode.WaitAll);
    }

    [Fact]
    public void the_land_certificate_waits_for_payment_between_its_two_phases()
    {
        var (catalog, _) = WorkflowCatalog.LoadFolder(Folder, Agencies);
        catalog.All.ShouldContain(d => d.Activities.OfType<AwaitPaymentActivity>().Any() && d.Procedure.LegalTime.Amount == 10);
    }

    [Fact]
    public void the_marriage_registration_decides_on_verification()
    {
        var (catalog, _) = WorkflowCatalog.LoadFolder(Folder, Agencies);
        catalog.Latest("1.000894")!.Activities.OfType<DecisionActivity>().ShouldNotBeEmpty();
    }
}
