{{/*
Names and labels. Every resource of a service is named <release>-<chart> (or the release name
when it already contains the chart name) and carries the recommended Kubernetes labels.
*/}}

{{- define "zvonar-service.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "zvonar-service.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "zvonar-service.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The service the shared image runs (services/<SERVICE>/src/main.ts). */}}
{{- define "zvonar-service.serviceName" -}}
{{- default .Chart.Name .Values.serviceName -}}
{{- end -}}

{{- define "zvonar-service.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "zvonar-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "zvonar-service.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "zvonar-service.labels" -}}
helm.sh/chart: {{ include "zvonar-service.chart" . }}
{{ include "zvonar-service.selectorLabels" . }}
app.kubernetes.io/version: {{ include "zvonar-service.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: {{ include "zvonar-service.serviceName" . }}
app.kubernetes.io/part-of: zvonar
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* A service's own value wins over the umbrella's global one. */}}
{{- define "zvonar-service.imageTag" -}}
{{- .Values.image.tag | default .Values.global.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{- define "zvonar-service.image" -}}
{{- $registry := .Values.image.registry | default .Values.global.image.registry -}}
{{- $repository := .Values.image.repository | default .Values.global.image.repository -}}
{{- $ref := printf "%s:%s" $repository (include "zvonar-service.imageTag" .) -}}
{{- if .Values.image.digest -}}
{{- $ref = printf "%s@%s" $repository .Values.image.digest -}}
{{- end -}}
{{- if $registry -}}
{{- printf "%s/%s" $registry $ref -}}
{{- else -}}
{{- $ref -}}
{{- end -}}
{{- end -}}

{{- define "zvonar-service.imagePullPolicy" -}}
{{- .Values.image.pullPolicy | default .Values.global.image.pullPolicy | default "IfNotPresent" -}}
{{- end -}}

{{- define "zvonar-service.kafkaBrokers" -}}
{{- .Values.kafka.brokers | default .Values.global.kafka.brokers -}}
{{- end -}}

{{- define "zvonar-service.databaseSecretName" -}}
{{- .Values.database.existingSecret | default .Values.global.database.existingSecret -}}
{{- end -}}

{{- define "zvonar-service.databaseSecretKey" -}}
{{- .Values.database.secretKey | default .Values.global.database.secretKey | default "url" -}}
{{- end -}}

{{- define "zvonar-service.otelEndpoint" -}}
{{- .Values.otel.endpoint | default .Values.global.otel.endpoint -}}
{{- end -}}

{{- define "zvonar-service.logLevel" -}}
{{- .Values.logLevel | default .Values.global.logLevel | default "info" -}}
{{- end -}}

{{/* Seconds the pod needs to drain: the preStop wait plus the process's own shutdown. */}}
{{- define "zvonar-service.drainSeconds" -}}
{{- add (int .Values.drain.preStopSeconds) (int .Values.drain.shutdownSeconds) -}}
{{- end -}}

{{/* "true" when traces are exported: otel.enabled when set, else global.otel.enabled, and an endpoint. */}}
{{- define "zvonar-service.otelEnabled" -}}
{{- $enabled := .Values.global.otel.enabled -}}
{{- if kindIs "bool" .Values.otel.enabled -}}
{{- $enabled = .Values.otel.enabled -}}
{{- end -}}
{{- if and $enabled (include "zvonar-service.otelEndpoint" .) -}}true{{- end -}}
{{- end -}}

{{/*
The Service name of another Zvonar chart in the same release, by the same rule as
"zvonar-service.fullname" (a release named after the chart is not prefixed twice).
*/}}
{{- define "zvonar-service.peerHost" -}}
{{- if contains .peer .root.Release.Name -}}
{{- .root.Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .root.Release.Name .peer | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
