#!/usr/bin/env python3
"""Writes the thin service charts (and the library's test chart) from one source.

Every service chart is the same shape: Chart.yaml depending on the zvonar-service library,
values.yaml from values.base.yaml with the service's overrides, values.schema.json, one-line
templates and helm-unittest suites. Edit values.base.yaml, the schema below or SERVICES, then run
`python3 charts/scripts/sync-service-charts.py` and commit the result.
"""
import json
import pathlib

CHARTS = pathlib.Path(__file__).resolve().parent.parent
BASE = (CHARTS / "scripts" / "values.base.yaml").read_text()
VERSION = "0.1.0"

SMALL = {"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}}
LARGE = {"requests": {"cpu": "250m", "memory": "384Mi"}, "limits": {"memory": "768Mi"}}
DEFAULTS = {
    "replicas": 2, "database": True, "ari": False, "grace": 45, "prestop": 10, "shutdown": 30,
    "command": [], "resources": SMALL, "extra_env": [],
    "ari_url": "", "ari_user": "", "ari_app": "", "ari_secret": "",
    # the partners' public gRPC API (the gateway's second listener), or None
    "public_grpc": None,
    # services this one calls over gRPC (each becomes <NAME>_GRPC_URL)
    "peers": [],
}
SERVICES = {
    "identity": {
        "description": "users, credentials, sessions, API keys, confirmations",
        # signs access tokens; required in the distributed mode
        "extra_env": [{"name": "ACCESS_TOKEN_SECRET", "valueFrom": {"secretKeyRef": {"name": "zvonar-identity", "key": "access-token-secret"}}}],
    },
    "projects": {"description": "projects, members, custom fields, tags"},
    "audiences": {"description": "segments, contacts, blacklists/DNC, import and scoring jobs", "peers": ["projects"]},
    "materials": {"description": "audio, TTS, SMS texts, links, moderation, media files"},
    "scenarios": {"description": "scenario graphs and their published immutable versions", "peers": ["projects"]},
    "campaigns": {"description": "campaigns, the dialer queue and campaign analytics", "resources": LARGE,
                  "peers": ["audiences", "scenarios", "projects", "call-control"]},
    "call-control": {
        "description": "calls over Asterisk ARI and the scenario runtime",
        "resources": LARGE, "ari": True, "peers": ["scenarios", "projects"],
        "ari_url": "http://asterisk:8088/ari", "ari_user": "zvonar", "ari_app": "zvonar", "ari_secret": "zvonar-ari",
        # A pod on its way out stops taking calls and waits for the active ones to end (up to an
        # hour), so a rollout or a node drain never cuts a conversation.
        "prestop": 3600, "shutdown": 60, "grace": 3690,
        "command": ["node", "deploy/scripts/drain-wait.mjs", "--max-seconds", "3590"],
    },
    "billing": {"description": "ledger accounts, tariffs, top-ups, promo codes"},
    "integrations": {"description": "webhooks, CRM connectors, SMS dispatch"},
    "tracker": {"description": "short links and clicks"},
    "ticketing": {"description": "support tickets and messages"},
    "gateway": {
        "description": "the edge: REST + OpenAPI for the console and partners, public gRPC, auth",
        # idempotency keys live in its own schema
        "peers": ["identity", "projects", "audiences", "scenarios", "campaigns", "call-control"],
        "public_grpc": 9090,
    },
}

TEMPLATES = {
    "deployment.yaml": "deployment", "service.yaml": "service", "configmap.yaml": "configmap",
    "hpa.yaml": "hpa", "pdb.yaml": "pdb", "servicemonitor.yaml": "servicemonitor",
}

HELMIGNORE = """# helm-unittest suites are not part of the package
tests/
ci/
.git/
*.swp
*.bak
*~
"""


def yaml_flow(value):
    return json.dumps(value)


def values_for(name, spec):
    s = {**DEFAULTS, **spec}
    resources = "\n".join(
        f"  {kind}:\n" + "\n".join(f"    {k}: {v}" for k, v in spec_.items())
        for kind, spec_ in s["resources"].items()
    )
    text = BASE
    for key, value in {
        "__SERVICE__": name, "__REPLICAS__": str(s["replicas"]), "__DATABASE__": str(s["database"]).lower(),
        "__ARI__": str(s["ari"]).lower(), "__ARI_URL__": s["ari_url"], "__ARI_USER__": s["ari_user"],
        "__ARI_APP__": s["ari_app"], "__ARI_SECRET__": s["ari_secret"], "__RESOURCES__": resources,
        "__GRACE__": str(s["grace"]), "__PRESTOP__": str(s["prestop"]), "__SHUTDOWN__": str(s["shutdown"]),
        "__PRESTOP_COMMAND__": yaml_flow(s["command"]), "__EXTRA_ENV__": yaml_flow(s["extra_env"]),
        "__PEERS__": yaml_flow(s["peers"]),
        "__PUBLIC_GRPC__": "null" if s["public_grpc"] is None else str(s["public_grpc"]),
    }.items():
        text = text.replace(key, value)
    return text


def obj(properties, required=(), additional=False, description=None):
    out = {"type": "object", "properties": properties, "additionalProperties": additional}
    if required:
        out["required"] = list(required)
    if description:
        out["description"] = description
    return out


STR = {"type": "string"}
BOOL = {"type": "boolean"}
MAP = {"type": "object"}
LIST = {"type": "array"}
STRMAP = {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean"]}}
PORT = {"type": "integer", "minimum": 1, "maximum": 65535}
OPTIONAL_PORT = {"type": ["integer", "null"], "minimum": 1, "maximum": 65535}
NODE_PORT = {"type": ["integer", "null"], "minimum": 30000, "maximum": 32767}
NONNEG = {"type": "integer", "minimum": 0}
PROBE = {"type": ["object", "null"], "properties": {
    "initialDelaySeconds": NONNEG, "periodSeconds": {"type": "integer", "minimum": 1},
    "timeoutSeconds": {"type": "integer", "minimum": 1}, "failureThreshold": {"type": "integer", "minimum": 1},
    "successThreshold": {"type": "integer", "minimum": 1}}, "additionalProperties": False}
PERCENT = {"type": ["integer", "null"], "minimum": 1, "maximum": 100}
INT_OR_PERCENT = {"oneOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": "^[0-9]+%$"}, {"type": "null"}]}
DURATION = {"type": "string", "pattern": "^[0-9]+(ms|s|m|h)$"}

SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Zvonar service chart values",
    **obj({
        "enabled": BOOL,
        # helm hands the library dependency its own (unused) values under its name
        "zvonar-service": MAP,
        "global": obj({
            "image": obj({"registry": STR, "repository": STR, "tag": STR,
                          "pullPolicy": {"enum": ["Always", "IfNotPresent", "Never"]}}),
            "imagePullSecrets": {"type": "array", "items": STR},
            "database": obj({"existingSecret": STR, "secretKey": STR}),
            "kafka": obj({"brokers": STR}),
            "otel": obj({"enabled": BOOL, "endpoint": STR, "protocol": {"enum": ["grpc", "http/protobuf", "http/json"]},
                         "samplerRatio": {"type": ["string", "number"]}}),
            "logLevel": {"enum": ["trace", "debug", "info", "warn", "error", "fatal", "silent"]},
        }, additional=True),
        "serviceName": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
        "nameOverride": STR, "fullnameOverride": STR, "commonLabels": STRMAP,
        "image": obj({"registry": STR, "repository": STR, "tag": STR,
                      "digest": {"type": "string", "pattern": "^$|^sha256:[a-f0-9]{64}$"},
                      "pullPolicy": {"enum": ["", "Always", "IfNotPresent", "Never"]}}),
        "imagePullSecrets": {"type": "array", "items": STR},
        "replicaCount": NONNEG,
        "revisionHistoryLimit": NONNEG,
        "updateStrategy": MAP,
        "logLevel": {"enum": ["", "trace", "debug", "info", "warn", "error", "fatal", "silent"]},
        "env": STRMAP,
        "peers": {"type": "array", "items": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"}, "uniqueItems": True},
        "extraEnv": {"type": "array", "items": {"type": "object", "required": ["name"]}},
        "database": obj({"enabled": BOOL, "existingSecret": STR, "secretKey": STR}),
        "kafka": obj({"enabled": BOOL, "brokers": STR}),
        "otel": obj({"enabled": {"type": ["boolean", "null"]}, "endpoint": STR,
                     "protocol": {"enum": ["", "grpc", "http/protobuf", "http/json"]},
                     "samplerRatio": {"type": ["string", "number"]}}),
        "ari": obj({"enabled": BOOL, "url": STR, "username": STR, "app": STR, "existingSecret": STR, "passwordKey": STR,
                    "trunks": {"type": "array", "items": {"type": "object", "required": ["id"],
                                                          "properties": {"id": {"type": "string", "minLength": 1}}}}}),
        "ports": obj({"http": PORT, "grpc": PORT, "publicGrpc": OPTIONAL_PORT}, required=["http", "grpc"]),
        "service": obj({"type": {"enum": ["ClusterIP", "NodePort", "LoadBalancer"]}, "httpPort": PORT,
                        "grpcPort": PORT, "publicGrpcPort": OPTIONAL_PORT, "annotations": STRMAP,
                        "nodePorts": obj({"http": NODE_PORT, "grpc": NODE_PORT, "publicGrpc": NODE_PORT})}),
        "startupProbe": PROBE, "livenessProbe": PROBE, "readinessProbe": PROBE,
        "resources": obj({"requests": MAP, "limits": MAP}),
        "podSecurityContext": MAP, "securityContext": MAP,
        "terminationGracePeriodSeconds": NONNEG,
        "drain": obj({"preStopSeconds": NONNEG, "shutdownSeconds": NONNEG,
                      "preStopCommand": {"type": "array", "items": STR}}),
        "autoscaling": obj({"enabled": BOOL, "minReplicas": NONNEG, "maxReplicas": {"type": "integer", "minimum": 1},
                            "targetCPUUtilizationPercentage": PERCENT, "targetMemoryUtilizationPercentage": PERCENT,
                            "scaleDownStabilizationSeconds": NONNEG}),
        "podDisruptionBudget": obj({"enabled": BOOL, "minAvailable": INT_OR_PERCENT, "maxUnavailable": INT_OR_PERCENT}),
        "serviceMonitor": obj({"enabled": BOOL, "namespace": STR, "labels": STRMAP, "path": STR,
                               "interval": DURATION, "scrapeTimeout": DURATION}),
        "serviceAccountName": STR, "priorityClassName": STR,
        "podAnnotations": STRMAP, "podLabels": STRMAP,
        "tmpSizeLimit": STR, "extraVolumes": LIST, "extraVolumeMounts": LIST,
        "nodeSelector": STRMAP, "tolerations": LIST, "affinity": MAP,
        "topologySpread": obj({"enabled": BOOL, "topologyKey": STR,
                               "whenUnsatisfiable": {"enum": ["ScheduleAnyway", "DoNotSchedule"]}}),
    }, required=["serviceName", "image", "replicaCount", "terminationGracePeriodSeconds", "drain"]),
}


def chart_yaml(name, description):
    return f"""apiVersion: v2
name: {name}
description: "Zvonar {name}: {description}"
type: application
version: {VERSION}
appVersion: "{VERSION}"
keywords: [zvonar]
maintainers:
  - name: Zvonar platform team
dependencies:
  - name: zvonar-service
    version: {VERSION}
    repository: file://../zvonar-service
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def service_tests(name, s):
    full = "zvonar" if name == "zvonar" else f"zvonar-{name}"
    release = "release:\n  name: zvonar\n  namespace: zvonar-test\n"
    grace, drain = s["grace"], s["prestop"] + s["shutdown"]
    prestop = (
        f"""      - equal:
          path: spec.template.spec.containers[0].lifecycle.preStop.exec.command
          value: {yaml_flow(s["command"])}"""
        if s["command"]
        else f"""      - equal:
          path: spec.template.spec.containers[0].lifecycle.preStop.exec.command
          value: ["sleep", "{s["prestop"]}"]"""
    )
    database = (
        """      - contains:
          path: spec.template.spec.containers[0].env
          content:
            name: DATABASE_URL
            valueFrom:
              secretKeyRef:
                name: zvonar-pg-app
                key: uri"""
        if s["database"]
        else """      - notContains:
          path: spec.template.spec.containers[0].env
          content:
            name: DATABASE_URL
          any: true"""
    )
    ari = (
        f"""      - contains:
          path: spec.template.spec.containers[0].env
          content:
            name: ARI_PASSWORD
            valueFrom:
              secretKeyRef:
                name: {s["ari_secret"]}
                key: password"""
        if s["ari"]
        else """      - notContains:
          path: spec.template.spec.containers[0].env
          content:
            name: ARI_PASSWORD
          any: true"""
    )
    for entry in s["extra_env"]:
        ref = entry["valueFrom"]["secretKeyRef"]
        ari += f"""
      - contains:
          path: spec.template.spec.containers[0].env
          content:
            name: {entry["name"]}
            valueFrom:
              secretKeyRef:
                name: {ref["name"]}
                key: {ref["key"]}"""
    tests = {}
    tests["deployment_test.yaml"] = f"""suite: {name} deployment
templates:
  - templates/deployment.yaml
{release}tests:
  - it: runs the shared image with SERVICE={name}, named after the release
    asserts:
      - isKind:
          of: Deployment
      - equal:
          path: metadata.name
          value: {full}
      - equal:
          path: metadata.namespace
          value: zvonar-test
      - equal:
          path: spec.template.spec.containers[0].name
          value: {name}
      - equal:
          path: spec.template.spec.containers[0].image
          value: zvonar/zvonar:{VERSION}
      - equal:
          path: spec.replicas
          value: {s["replicas"]}
      - equal:
          path: spec.template.spec.containers[0].envFrom[0].configMapRef.name
          value: {full}
  - it: selects its pods by name and instance and labels them as part of zvonar
    asserts:
      - equal:
          path: spec.selector.matchLabels
          value:
            app.kubernetes.io/name: {name}
            app.kubernetes.io/instance: zvonar
      - equal:
          path: spec.template.metadata.labels["app.kubernetes.io/part-of"]
          value: zvonar
      - equal:
          path: spec.template.metadata.labels["app.kubernetes.io/component"]
          value: {name}
  - it: probes /healthz and /readyz on the http port
    asserts:
      - equal:
          path: spec.template.spec.containers[0].livenessProbe.httpGet
          value:
            path: /healthz
            port: http
      - equal:
          path: spec.template.spec.containers[0].readinessProbe.httpGet
          value:
            path: /readyz
            port: http
      - equal:
          path: spec.template.spec.containers[0].startupProbe.httpGet.path
          value: /healthz
  - it: runs as non-root on a read-only root filesystem without capabilities
    asserts:
      - equal:
          path: spec.template.spec.securityContext.runAsNonRoot
          value: true
      - equal:
          path: spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem
          value: true
      - equal:
          path: spec.template.spec.containers[0].securityContext.capabilities.drop
          value: ["ALL"]
      - equal:
          path: spec.template.spec.containers[0].resources
          value:
{chr(10).join("            " + line for line in json.dumps(s["resources"], indent=2).splitlines())}
  - it: drains within the grace period
    asserts:
      - equal:
          path: spec.template.spec.terminationGracePeriodSeconds
          value: {grace}
{prestop}
  - it: rolls the pods when the config changes
    asserts:
      - matchRegex:
          path: spec.template.metadata.annotations["checksum/config"]
          pattern: ^[a-f0-9]{{64}}$
  - it: takes its secrets from Secrets, never from values
    asserts:
{database}
{ari}
"""
    public_grpc_port = (
        f"""
            - name: public-grpc
              port: {s["public_grpc"]}
              targetPort: public-grpc
              protocol: TCP
              appProtocol: kubernetes.io/h2c"""
        if s["public_grpc"]
        else ""
    )
    exposes = f"http 8080, grpc 50051 and public gRPC {s['public_grpc']}" if s["public_grpc"] else "http 8080 and grpc 50051"
    tests["service_test.yaml"] = f"""suite: {name} service
templates:
  - templates/service.yaml
{release}tests:
  - it: exposes {exposes} to the service's pods
    asserts:
      - isKind:
          of: Service
      - equal:
          path: metadata.name
          value: {full}
      - equal:
          path: spec.ports
          value:
            - name: http
              port: 8080
              targetPort: http
              protocol: TCP
              appProtocol: http
            - name: grpc
              port: 50051
              targetPort: grpc
              protocol: TCP
              appProtocol: kubernetes.io/h2c{public_grpc_port}
      - equal:
          path: spec.selector["app.kubernetes.io/name"]
          value: {name}
"""
    peer_asserts = "".join(
        f"""      - equal:
          path: data.{peer.upper().replace("-", "_")}_GRPC_URL
          value: zvonar-{peer}:50051
"""
        for peer in s["peers"]
    )
    telephony_asserts = (
        """      - equal:
          path: data.TELEPHONY
          value: ari
"""
        if s["ari"]
        else """      - notExists:
          path: data.TELEPHONY
"""
    )
    tests["configmap_test.yaml"] = f"""suite: {name} configmap
templates:
  - templates/configmap.yaml
{release}tests:
  - it: configures the service through the environment
    asserts:
      - isKind:
          of: ConfigMap
      - equal:
          path: data.SERVICE
          value: {name}
      - equal:
          path: data.SERVICE_NAME
          value: {name}
      - equal:
          path: data.KAFKA_BROKERS
          value: zvonar-kafka-bootstrap:9092
      - equal:
          path: data.BUS
          value: kafka
      - equal:
          path: data.LOG_LEVEL
          value: info
      - notExists:
          path: data.OTEL_EXPORTER_OTLP_ENDPOINT
{peer_asserts}{telephony_asserts}  - it: points OpenTelemetry at the global endpoint when enabled
    set:
      global.otel.enabled: true
      global.otel.endpoint: http://otel-collector:4318
    asserts:
      - equal:
          path: data.OTEL_EXPORTER_OTLP_ENDPOINT
          value: http://otel-collector:4318
      - equal:
          path: data.OTEL_SERVICE_NAME
          value: {name}
"""
    tests["hpa_test.yaml"] = f"""suite: {name} hpa
templates:
  - templates/hpa.yaml
{release}tests:
  - it: is off by default
    asserts:
      - hasDocuments:
          count: 0
  - it: scales the deployment on CPU when enabled
    set:
      autoscaling.enabled: true
    asserts:
      - isKind:
          of: HorizontalPodAutoscaler
      - equal:
          path: spec.scaleTargetRef.name
          value: {full}
      - equal:
          path: spec.minReplicas
          value: 2
"""
    tests["pdb_test.yaml"] = f"""suite: {name} pdb
templates:
  - templates/pdb.yaml
{release}tests:
  - it: lets one pod go at a time
    asserts:
      - isKind:
          of: PodDisruptionBudget
      - equal:
          path: spec.maxUnavailable
          value: 1
      - equal:
          path: spec.selector.matchLabels["app.kubernetes.io/name"]
          value: {name}
  - it: can be turned off
    set:
      podDisruptionBudget.enabled: false
    asserts:
      - hasDocuments:
          count: 0
"""
    tests["servicemonitor_test.yaml"] = f"""suite: {name} servicemonitor
templates:
  - templates/servicemonitor.yaml
{release}tests:
  - it: is off by default
    asserts:
      - hasDocuments:
          count: 0
  - it: scrapes /metrics on the http port when enabled
    set:
      serviceMonitor.enabled: true
    asserts:
      - isKind:
          of: ServiceMonitor
      - equal:
          path: spec.endpoints[0].port
          value: http
      - equal:
          path: spec.endpoints[0].path
          value: /metrics
"""
    tests["validations_test.yaml"] = f"""suite: {name} validations
templates:
  - templates/deployment.yaml
{release}tests:
  - it: fails without an image repository
    set:
      global.image.repository: ""
    asserts:
      - failedTemplate:
          errorPattern: "{name}: image.repository \\\\(or global.image.repository\\\\) is required"
  - it: fails with no replicas while autoscaling is off
    set:
      replicaCount: 0
    asserts:
      - failedTemplate:
          errorPattern: "{name}: replicaCount must be at least 1"
  - it: fails when the grace period is shorter than the drain
    set:
      terminationGracePeriodSeconds: {drain - 1}
    asserts:
      - failedTemplate:
          errorPattern: "{name}: terminationGracePeriodSeconds \\\\({drain - 1}\\\\) is shorter than the drain"
  - it: fails without Kafka brokers
    set:
      global.kafka.brokers: ""
    asserts:
      - failedTemplate:
          errorPattern: "{name}: kafka.brokers \\\\(or global.kafka.brokers\\\\) is required"
"""
    if s["database"]:
        tests["validations_test.yaml"] += f"""  - it: fails without the database Secret
    set:
      global.database.existingSecret: ""
    asserts:
      - failedTemplate:
          errorPattern: "{name}: database.existingSecret .* is required"
"""
    if s["ari"]:
        tests["validations_test.yaml"] += f"""  - it: fails without the ARI URL
    set:
      ari.url: ""
    asserts:
      - failedTemplate:
          errorPattern: "{name}: ari.url is required"
  - it: fails without the ARI password Secret
    set:
      ari.existingSecret: ""
    asserts:
      - failedTemplate:
          errorPattern: "{name}: ari.existingSecret is required"
"""
    return tests


def write_chart(directory, name, description, spec, with_tests=True):
    s = {**DEFAULTS, **spec}
    write(directory / "Chart.yaml", chart_yaml(name, description))
    write(directory / "values.yaml", values_for(name, spec))
    write(directory / "values.schema.json", json.dumps(SCHEMA, indent=2) + "\n")
    write(directory / ".helmignore", HELMIGNORE)
    for file, template in TEMPLATES.items():
        write(directory / "templates" / file, f'{{{{- include "zvonar-service.{template}" . }}}}\n')
    if with_tests:
        for file, text in service_tests(name, s).items():
            write(directory / "tests" / file, text)


def main():
    for name, spec in SERVICES.items():
        write_chart(CHARTS / name, name, spec["description"], spec)
    # The library's reference copy of the values contract. A parent chart never sees these values
    # (library values are not merged into it): each service chart carries its own copy.
    library_values = values_for("service", {}).replace(
        "# Values of a Zvonar service chart.",
        "# Reference only: a parent chart never sees a library's values.\n# Values of a Zvonar service chart.", 1)
    write(CHARTS / "zvonar-service" / "values.yaml", library_values)
    write(CHARTS / "zvonar-service" / "values.schema.json", json.dumps(SCHEMA, indent=2) + "\n")
    # The library is exercised through a tiny chart that includes every shared template; its
    # hand-written suites live in charts/zvonar-service/test-chart/tests.
    test_chart = CHARTS / "zvonar-service" / "test-chart"
    write_chart(test_chart, "example", "a chart that exists to test the zvonar-service library", {}, with_tests=False)
    chart = (test_chart / "Chart.yaml").read_text().replace("file://../zvonar-service", "file://..")
    write(test_chart / "Chart.yaml", chart)
    print(f"wrote {len(SERVICES)} service charts and the library test chart")


if __name__ == "__main__":
    main()
