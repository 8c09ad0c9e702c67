using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

public class when_loading_elsa_exports
{
    // The shape Elsa Studio exports: $schema, toolVersion, lifecycle flags, designer metadata, Elsa-style inputs,
    // and a decision written as a function body.
    private const string Export = """
    {
      "$schema": "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json",
      "id": "a1b2c3", "definitionId": "9.999998-export", "name": "Xuất từ Elsa", "description": "", "createdAt": "2026-01-05T03:00:00+00:00",
      "version": 3, "toolVersion": "3.5.0.0", "variables": [], "inputs": [], "outputs": [], "outcomes": [],
      "customProperties": { "procedure": { "code": "9.999998", "name": "Xuất từ Elsa", "legalTime": { "amount": 3, "unit": "WorkingDays" } } },
      "isReadonly": false, "isSystem": false, "isLatest": true, "isPublished": true,
      "options": { "autoUpdateConsumingWorkflows": false },
      "root": { "type": "Elsa.Flowchart", "version": 1, "id": "flow", "nodeId": "Workflow1:flow",
        "metadata": {}, "customProperties": { "source": "FlowchartJsonConverter.cs:45", "notFoundConnections": [] },
        "activities": [
          { "id": "intake", "nodeId": "Workflow1:flow:intake", "name": "Intake1", "type": "Dossier.Intake", "version": 1,
            "agency": { "typeName": "String", "expression": { "type": "Literal", "value": "D1" } },
            "budget": { "typeName": "Object", "expression": { "type": "Object", "value": "{\"amount\":4,\"unit\":\"WorkingHours\"}" } },
            "customProperties": { "canStartWorkflow": true, "runAsynchronously": false },
            "metadata": { "designer": { "position": { "x": -200, "y": 0 }, "size": { "width": 120, "height": 50 } }, "displayText": "Tiếp nhận" } },
          { "id": "decide", "nodeId": "Workflow1:flow:decide", "name": "FlowDecision1", "type": "Elsa.FlowDecision", "version": 1,
            "condition": { "typeName": "Boolean", "expression": { "type": "JavaScript", "value": "if (dossier.channel === 'online') { return true; }\nreturn false;" } },
            "metadata": { "designer": { "position": { "x": 0, "y": 0 } } } },
          { "id": "work", "type": "Dossier.Task", "version": 1,
            "agency": { "typeName": "String", "expression": { "type": "Literal", "value": "P1" } },
            "title": { "typeName": "String", "expression": { "type": "Literal", "value": "Giải quyết" } },
            "budget": { "typeName": "Object", "expression": { "type": "Object", "value": "{\"amount\":2,\"unit\":\"WorkingDays\"}" } },
            "outcomes": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"Approved\",\"Rejected\"]" } },
            "metadata": { "designer": { "position": { "x": 200, "y": 0 } } } },
          { "id": "done", "type": "Dossier.Result", "version": 1, "metadata": { "designer": { "position": { "x": 400, "y": 0 } } } },
          { "id": "no", "type": "Dossier.Reject", "version": 1 }
        ],
        "connections": [
          { "source": { "activity": "intake", "port": "Accepted" }, "target": { "activity": "decide", "port": "In" }, "vertices": [] },
          { "source": { "activity": "decide", "port": "True" }, "target": { "activity": "work", "port": "In" }, "vertices": [] },
          { "source": { "activity": "decide", "port": "False" }, "target": { "activity": "work", "port": "In" }, "vertices": [{ "x": 1, "y": 2 }] },
          { "source": { "activity": "work", "port": "Approved" }, "target": { "activity": "done", "port": "In" }, "vertices": [] },
          { "source": { "activity": "work", "port": "Rejected" }, "target": { "activity": "no", "port": "In" }, "vertices": [] }
        ] } }
    """;

    [Fact]
    public void a_definition_in_the_export_shape_with_supported_types_loads()
    {
        var result = WorkflowValidator.LoadAndValidate(Export, "export.json", TestDefinitions.Agencies);

        result.Problems.ShouldBeEmpty();
        var definition = result.Definition!;
        definition.Version.ShouldBe(3);
        definition.Intake!.Budget.ShouldBe(Budget.WorkingHours(4));
        var work = definition["work"].ShouldBeOfType<TaskActivity>();
        work.Agency.ShouldBe(new AgencyRef.Fixed("P1"));
        work.Budget.ShouldBe(Budget.WorkingDays(2));
        work.Outcomes.ShouldBe(["Approved", "Rejected"]);
        definition.Source["toolVersion"]!.GetValue<string>().ShouldBe("3.5.0.0");
    }

    [Fact]
    public void the_function_body_condition_is_evaluated()
    {
        var definition = WorkflowLoader.Parse(Export, "export.json").Definition!;
        var condition = definition["decide"].ShouldBeOfType<DecisionActivity>().Condition;
        ConditionSandbox.Evaluate(condition, """{"channel":"online"}""").ShouldBeTrue();
        ConditionSandbox.Evaluate(condition, """{"channel":"desk"}""").ShouldBeFalse();
    }

    [Fact]
    public void an_export_with_an_unsupported_elsa_activity_is_rejected_naming_it()
    {
        var withHttp = Export.Replace("\"type\": \"Dossier.Result\"", "\"type\": \"Elsa.SendHttpRequest\"");

        var result = WorkflowValidator.LoadAndValidate(withHttp, "export.json", TestDefinitions.Agencies);

        result.IsValid.ShouldBeFalse();
        result.Problems.ShouldContain(p => p.ActivityId == "done" && p.Message.Contains("type 'Elsa.SendHttpRequest'"));
    }
}
