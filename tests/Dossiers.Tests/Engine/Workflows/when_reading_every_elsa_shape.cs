using System.Text.Json.Nodes;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

/// <summary>
/// Issue 15's reproductions: the shapes Elsa 3 writes or still reads (as its own JSON converters do), each read the
/// way Elsa reads it, and a wrong shape answered with one problem naming the activity, never an exception.
/// </summary>
public class when_reading_every_elsa_shape
{
    private static WorkflowLoadResult Check(JsonObject definition) =>
        WorkflowValidator.LoadAndValidate(definition.ToJsonString(), "export.json", TestDefinitions.Agencies);

    private static JsonObject Activity(JsonObject definition, string id) =>
        definition.Activities().Single(a => a!["id"]!.GetValue<string>() == id)!.AsObject();

    /// <summary>Elsa's input wrapping: the declared type, the expression, and the memory reference Elsa 3.0 writes beside it.</summary>
    private static JsonObject Input(string typeName, string expressionType, JsonNode? value, bool memoryReference = true)
    {
        var expression = new JsonObject { ["type"] = expressionType };
        if (value is not null) expression["value"] = value;
        var input = new JsonObject { ["typeName"] = typeName, ["expression"] = expression };
        if (memoryReference) input["memoryReference"] = new JsonObject { ["id"] = $"{Guid.NewGuid():N}:input" };
        return input;
    }

    [Fact]
    public void flat_connections_read_as_the_same_graph_as_object_connections()
    {
        var flat = TestDefinitions.Valid();
        var connections = flat["root"]!["connections"]!.AsArray();
        var rewritten = connections.Select(c => (JsonNode)new JsonObject
        {
            ["source"] = c!["source"]!["activity"]!.GetValue<string>(),
            ["target"] = c["target"]!["activity"]!.GetValue<string>(),
            ["sourcePort"] = c["source"]!["port"]!.GetValue<string>(),
            ["targetPort"] = "In",
        }).ToArray();
        flat["root"]!["connections"] = new JsonArray(rewritten);

        var result = Check(flat);

        result.Problems.ShouldBeEmpty();
        result.Definition!.Connections.ShouldBe(WorkflowLoader.Parse(TestDefinitions.Valid().ToJsonString(), "x").Definition!.Connections);
    }

    [Fact]
    public void a_memory_reference_beside_a_literal_or_object_expression_is_elsa_bookkeeping()
    {
        var definition = TestDefinitions.Valid();
        var check = Activity(definition, "check");
        check["agency"] = Input("String", "Literal", "P1");
        check["title"] = Input("String", "Literal", "Kiểm tra");
        check["budget"] = Input("Object", "Object", """{"amount":1,"unit":"WorkingDays"}""");
        check["outcomes"] = Input("String[]", "Object", """["Ok","Refuse"]""");
        Activity(definition, "join")["mode"] = Input("String", "Literal", "WaitAll");

        var result = Check(definition);

        result.Problems.ShouldBeEmpty();
        var task = result.Definition!["check"].ShouldBeOfType<TaskActivity>();
        task.Agency.ShouldBe(new AgencyRef.Fixed("P1"));
        task.Budget.ShouldBe(Budget.WorkingDays(1));
        task.Outcomes.ShouldBe(["Ok", "Refuse"]);
    }

    [Fact]
    public void literals_hold_their_value_as_text_of_the_declared_type()
    {
        var definition = TestDefinitions.Valid();
        Activity(definition, "check")["budget"] = Input("Object", "Literal", """{"amount":1,"unit":"WorkingDays"}""");
        Activity(definition, "check")["outcomes"] = Input("System.Collections.Generic.List`1[System.String]", "Literal", """["Ok","Refuse"]""");
        Activity(definition, "needs")["condition"] = Input("Boolean", "Literal", "True");

        var result = Check(definition);

        result.Problems.ShouldBeEmpty();
        var condition = result.Definition!["needs"].ShouldBeOfType<DecisionActivity>().Condition;
        condition.ShouldBe("true");
        // As JavaScript "True" would fail at run time ("True is not defined"); read as Elsa reads it, it is a constant.
        ConditionSandbox.Evaluate(condition, "{}").ShouldBeTrue();
        result.Definition["check"].ShouldBeOfType<TaskActivity>().Outcomes.ShouldBe(["Ok", "Refuse"]);
    }

    [Fact]
    public void a_literal_that_is_not_its_declared_type_is_one_problem()
    {
        var definition = TestDefinitions.Valid();
        Activity(definition, "needs")["condition"] = Input("Boolean", "Literal", "Maybe");

        var problem = Check(definition).Problems.ShouldHaveSingleItem();

        problem.ActivityId.ShouldBe("needs");
        problem.Message.ShouldContain("declared Boolean");
    }

    [Theory]
    [InlineData(false, null)]     // Elsa 3.3: an unset input keeps its type, no value
    [InlineData(true, "")]        // an emptied field in the designer
    public void an_empty_literal_is_an_input_left_unset(bool memoryReference, string? value)
    {
        var definition = TestDefinitions.Valid();
        Activity(definition, "check")["agency"] = Input("String", "Literal", value is null ? null : JsonValue.Create(value), memoryReference);

        var problem = Check(definition).Problems.ShouldHaveSingleItem();

        problem.ActivityId.ShouldBe("check");
        problem.Message.ShouldBe("Input 'agency' is missing.");
    }

    [Fact]
    public void an_input_with_only_its_memory_reference_is_unset()
    {
        var definition = TestDefinitions.Valid();
        Activity(definition, "check")["agency"] = new JsonObject { ["typeName"] = "String", ["memoryReference"] = new JsonObject { ["id"] = "x" } };

        Check(definition).Problems.ShouldHaveSingleItem().Message.ShouldBe("Input 'agency' is missing.");
    }

    [Fact]
    public void a_variable_expression_is_named_as_such()
    {
        var definition = TestDefinitions.Valid();
        Activity(definition, "check")["agency"] = Input("String", "Variable", "AgencyVariable");

        Check(definition).Problems.ShouldHaveSingleItem().Message.ShouldContain("reads a workflow variable");
    }

    [Fact]
    public void null_names_and_titles_are_as_good_as_none()
    {
        var definition = TestDefinitions.Valid();
        definition["name"] = null;
        definition["description"] = null;
        Activity(definition, "result")["title"] = null;
        Activity(definition, "result")["name"] = null;
        Activity(definition, "intake")["title"] = Input("String", "Literal", null);

        var result = Check(definition);

        result.Problems.ShouldBeEmpty();
        result.Definition!.Name.ShouldBe("9.999999-test");
    }

    [Theory]
    [InlineData("""{"source": 5, "target": {"activity": "check"}}""")]
    [InlineData("""{"source": {"activity": ["intake"], "port": "Accepted"}, "target": "check"}""")]
    [InlineData("""["intake", "check"]""")]
    [InlineData("""null""")]
    public void a_connection_of_the_wrong_shape_is_one_problem_naming_both_shapes(string connection)
    {
        var definition = TestDefinitions.Valid();
        definition["root"]!["connections"]!.AsArray().Add(JsonNode.Parse(connection));

        var problem = Check(definition).Problems.ShouldHaveSingleItem();

        problem.Message.ShouldContain("Connection #12");
        problem.Fix.ShouldContain("sourcePort");
    }

    [Theory]
    [InlineData("root", "5")]
    [InlineData("root", """{"type": 5}""")]
    [InlineData("customProperties", "\"procedure\"")]
    [InlineData("customProperties", """{"procedure": {"code": 9, "name": [], "legalTime": "3 days"}}""")]
    [InlineData("version", "\"one\"")]
    public void a_wrong_kind_anywhere_in_the_envelope_is_a_problem_not_an_exception(string property, string value)
    {
        var definition = TestDefinitions.Valid();
        definition[property] = JsonNode.Parse(value);

        var result = Check(definition);

        result.IsValid.ShouldBeFalse();
        result.Problems.ShouldNotBeEmpty();
        result.Problems.ShouldAllBe(p => !p.Message.Contains(WorkflowLoader.Unreadable));
    }

    [Theory]
    [InlineData("fees", "\"free\"")]
    [InlineData("fees", """[{"amount": 1000}]""")]
    [InlineData("documents", """[{"kind": "original"}]""")]
    [InlineData("rules", """{"maxSupplementRequests": -1}""")]
    [InlineData("pauses", """{"supplement": "yes"}""")]
    public void a_wrong_procedure_part_is_a_problem_not_a_silent_default(string part, string value)
    {
        var definition = TestDefinitions.Valid();
        definition["customProperties"]!["procedure"]![part] = JsonNode.Parse(value);

        Check(definition).Problems.ShouldHaveSingleItem().Message.ShouldContain($"procedure.{part}");
    }

    [Fact]
    public void an_unknown_activity_type_is_named_without_echoes_in_the_graph()
    {
        var definition = TestDefinitions.Valid();
        Activity(definition, "verify")["type"] = "Elsa.SendEmail";

        var problem = Check(definition).Problems.ShouldHaveSingleItem();

        problem.ActivityId.ShouldBe("verify");
        problem.Message.ShouldContain("'Elsa.SendEmail'");
    }

    [Fact]
    public void a_loop_through_a_fork_is_judged_not_followed_for_ever()
    {
        var definition = TestDefinitions.Valid();
        // The police branch goes back into its own fork instead of the join.
        var connection = definition["root"]!["connections"]!.AsArray()
            .Single(c => c!["source"]!["activity"]!.GetValue<string>() == "police")!;
        connection["target"]!["activity"] = "fork";

        var result = Check(definition);

        result.IsValid.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.ActivityId == "join" && p.Message.Contains("fewer than two incoming"));
    }

    [Fact]
    public void a_ladder_of_decisions_is_judged_in_linear_time()
    {
        // 60 decisions, each answer leading one or two rungs on: 10^12 paths for a path-by-path search.
        var activities = new JsonArray(JsonNode.Parse("""{"id": "intake", "type": "Dossier.Intake", "agency": "D1"}"""));
        var connections = new JsonArray(JsonNode.Parse("""{"source": "intake", "sourcePort": "Accepted", "target": "d0"}"""));
        const int Rungs = 60;
        for (var i = 0; i < Rungs; i++)
        {
            activities.Add(JsonNode.Parse($$"""{"id": "d{{i}}", "type": "Elsa.FlowDecision", "condition": "true"}"""));
            connections.Add(JsonNode.Parse($$"""{"source": "d{{i}}", "sourcePort": "True", "target": "{{(i + 1 < Rungs ? $"d{i + 1}" : "result")}}"}"""));
            connections.Add(JsonNode.Parse($$"""{"source": "d{{i}}", "sourcePort": "False", "target": "{{(i + 2 < Rungs ? $"d{i + 2}" : "result")}}"}"""));
        }
        activities.Add(JsonNode.Parse("""{"id": "result", "type": "Dossier.Result"}"""));
        var definition = TestDefinitions.Valid();
        definition["root"]!["activities"] = activities;
        definition["root"]!["connections"] = connections;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Check(definition);

        result.Problems.ShouldBeEmpty();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void activity_ids_that_differ_only_in_punctuation_stay_two_nodes_in_the_diagram()
    {
        var definition = TestDefinitions.Valid();
        Activity(definition, "police")["id"] = "a-b";
        Activity(definition, "insurance")["id"] = "a_b";
        foreach (var c in definition["root"]!["connections"]!.AsArray())
            foreach (var end in new[] { "source", "target" })
                c![end]!["activity"] = c[end]!["activity"]!.GetValue<string>() switch { "police" => "a-b", "insurance" => "a_b", var x => x };

        var mermaid = MermaidDiagram.Render(Check(definition).Definition!, TestDefinitions.Agencies);

        mermaid.Split('\n').Count(l => l.Contains("Đăng ký") || l.Contains("Cấp thẻ")).ShouldBe(2);
        mermaid.Split('\n').Where(l => !l.Contains("-->")).Select(l => l.Trim().Split('[', '(', '{')[0])
            .Where(n => n.StartsWith("n_a")).Distinct().Count().ShouldBe(2);
    }
}
