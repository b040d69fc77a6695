{{/*
Non-secret configuration, read by the service as environment variables (envFrom). The
Deployment's checksum/config annotation hashes this, so a change rolls the pods.
*/}}
{{- define "zvonar-service.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "zvonar-service.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "zvonar-service.labels" . | nindent 4 }}
data:
  SERVICE: {{ include "zvonar-service.serviceName" . | quote }}
  SERVICE_NAME: {{ include "zvonar-service.serviceName" . | quote }}
  # a chart always deploys the distributed mode (services that differ by mode read this)
  DEPLOYMENT: "distributed"
  LOG_LEVEL: {{ include "zvonar-service.logLevel" . | quote }}
  HTTP_PORT: {{ .Values.ports.http | quote }}
  GRPC_PORT: {{ .Values.ports.grpc | quote }}
  {{- with .Values.ports.publicGrpc }}
  # partners reach it through the Service from outside the pod
  PUBLIC_GRPC_PORT: {{ . | quote }}
  PUBLIC_GRPC_HOST: "0.0.0.0"
  {{- end }}
  {{- /* the service's own drain (libs/platform) ends a few seconds before Kubernetes would kill it */}}
  SHUTDOWN_TIMEOUT_MS: {{ mul (max 1 (sub (int .Values.drain.shutdownSeconds) 5)) 1000 | quote }}
  {{- if .Values.kafka.enabled }}
  {{- /* without it a service keeps its default, the embedded bus meant for the all-in-one host */}}
  BUS: "kafka"
  KAFKA_BROKERS: {{ include "zvonar-service.kafkaBrokers" . | quote }}
  {{- end }}
  {{- if include "zvonar-service.otelEnabled" . }}
  OTEL_EXPORTER_OTLP_ENDPOINT: {{ include "zvonar-service.otelEndpoint" . | quote }}
  OTEL_EXPORTER_OTLP_PROTOCOL: {{ .Values.otel.protocol | default .Values.global.otel.protocol | default "http/protobuf" | quote }}
  OTEL_SERVICE_NAME: {{ include "zvonar-service.serviceName" . | quote }}
  OTEL_TRACES_SAMPLER: "parentbased_traceidratio"
  OTEL_TRACES_SAMPLER_ARG: {{ .Values.otel.samplerRatio | default .Values.global.otel.samplerRatio | default "1" | toString | quote }}
  {{- end }}
  {{- if .Values.ari.enabled }}
  # calls go to Asterisk (the service defaults to simulated telephony)
  TELEPHONY: "ari"
  ARI_URL: {{ .Values.ari.url | quote }}
  ARI_USERNAME: {{ .Values.ari.username | quote }}
  ARI_APP: {{ .Values.ari.app | quote }}
  {{- with .Values.ari.trunks }}
  TRUNKS: {{ toJson . | quote }}
  {{- end }}
  {{- end }}
  {{- range $peer := .Values.peers }}
  {{ upper (replace "-" "_" $peer) }}_GRPC_URL: {{ printf "%s:%v" (include "zvonar-service.peerHost" (dict "root" $ "peer" $peer)) $.Values.service.grpcPort | quote }}
  {{- end }}
  {{- range $name, $value := .Values.env }}
  {{ $name }}: {{ $value | toString | quote }}
  {{- end }}
{{- end -}}
