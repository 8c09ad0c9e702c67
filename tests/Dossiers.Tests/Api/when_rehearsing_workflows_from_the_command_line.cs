using System.Globalization;
using System.Text.Json.Nodes;
using Dossiers.Api.Workflows.Rehearsal;
using Dossiers.Engine.Calendars;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dossiers.Tests.Api;

public class when_rehearsing_workflows_from_the_command_line(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Friday = "2026-03-06T15:00:00+07:00";
    private static readonly string TemporaryResidence = Path.Combine(RepositoryRoot.Path, "workflows", "1.004194-tam-tru.v1.json");

    private (int Exit, string Output) Run(params string[] args)
    {
        var output = new StringWriter();
        var exit = RehearseWorkflowCommand.Run(args, Host.Services.GetRequiredService<IConfiguration>(),
            Host.Services.GetRequiredService<IHostEnvironment>(), output, Fixture.Clock);
        return (exit, output.ToString());
    }

    /// <summary>A changed copy of the tạm trú file in a temporary folder (the product's registry is used: none lies beside it).</summary>
    private static string Changed(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(File.ReadAllText(TemporaryResidence))!.AsObject();
        change(json);
        var file = Path.Combine(Path.GetTempPath(), $"rehearsal-{Guid.NewGuid():N}.v1.json");
        File.WriteAllText(file, json.ToJsonString());
        return file;
    }

    [Fact]
    public void a_shipped_file_prints_every_path_with_agencies_and_due_times_and_exits_0()
    {
        var (exit, output) = Run(TemporaryResidence, "--start", Friday, "--receiving-centre", "057.01.90.H48");

        exit.ShouldBe(0, output);
        var intakeDue = Host.Services.GetRequiredService<WorkingCalendar>().Due(DateTimeOffset.Parse(Friday, CultureInfo.InvariantCulture), Budget.WorkingHours(4)).DueAt;
        output.ShouldContain($"due {intakeDue.ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}");
        output.ShouldContain("CA phường Kon Tum [057.02.90.H48]");
        output.ShouldContain("Path 3 (appraise=Rejected) → reject");
        output.ShouldContain(": fits");
        output.ShouldEndWith($"3 path(s): all fit.{Environment.NewLine}");
    }

    [Fact]
    public void a_late_path_says_by_how_many_working_hours_and_exits_1()
    {
        var file = Changed(json => json["customProperties"]!["procedure"]!["legalTime"] = JsonNode.Parse("""{"amount": 3, "unit": "CalendarDays"}"""));
        try
        {
            var (exit, output) = Run(file, "--start", Friday, "--outcome", "appraise=Approved", "--outcome", "approve=Approved");

            exit.ShouldBe(1, output);
            output.ShouldContain("LATE by 12 working hours");
            output.ShouldContain("1 path(s): 1 do(es) not fit.");
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void an_invalid_file_exits_1_with_the_validators_problems()
    {
        var file = Changed(json => json["root"]!["activities"]!.AsArray()[1]!["agency"] = "000.99.99.H48");
        try
        {
            var (exit, output) = Run(file, "--start", Friday);

            exit.ShouldBe(1);
            output.ShouldContain("000.99.99.H48");
            output.ShouldContain("nothing rehearsed");
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData]
    [InlineData("--start", Friday)]
    [InlineData("workflows/1.004194-tam-tru.v1.json", "--start")]
    [InlineData("workflows/1.004194-tam-tru.v1.json", "--start", "2026-03-06 15:00")]
    [InlineData("workflows/1.004194-tam-tru.v1.json", "--outcome", "appraise")]
    [InlineData("workflows/1.004194-tam-tru.v1.json", "--colour", "red")]
    [InlineData("workflows/no-such-file.v1.json")]
    public void a_usage_error_exits_2(params string[] args)
    {
        var (exit, output) = Run(args);
        exit.ShouldBe(2, output);
        output.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void a_pinned_port_that_does_not_exist_exits_2_naming_the_ports()
    {
        var (exit, output) = Run(TemporaryResidence, "--outcome", "appraise=Maybe");

        exit.ShouldBe(2);
        output.ShouldContain("Approved, Rejected");
    }
}
