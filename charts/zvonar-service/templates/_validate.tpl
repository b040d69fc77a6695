{{/*
Invalid values stop the render with a message naming the value, instead of producing a
Deployment that cannot start or that Kubernetes kills mid-drain. Included by the Deployment.
*/}}
{{- define "zvonar-service.validate" -}}
{{- $svc := include "zvonar-service.serviceName" . -}}
{{- if not (.Values.image.repository | default .Values.global.image.repository) -}}
{{- fail (printf "%s: image.repository (or global.image.repository) is required" $svc) -}}
{{- end -}}
{{- if and (not .Values.autoscaling.enabled) (lt (int .Values.replicaCount) 1) -}}
{{- fail (printf "%s: replicaCount must be at least 1 when autoscaling is disabled (got %v)" $svc .Values.replicaCount) -}}
{{- end -}}
{{- if .Values.autoscaling.enabled -}}
{{- if lt (int .Values.autoscaling.minReplicas) 1 -}}
{{- fail (printf "%s: autoscaling.minReplicas must be at least 1" $svc) -}}
{{- end -}}
{{- if gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas) -}}
{{- fail (printf "%s: autoscaling.minReplicas (%v) is greater than autoscaling.maxReplicas (%v)" $svc .Values.autoscaling.minReplicas .Values.autoscaling.maxReplicas) -}}
{{- end -}}
{{- if not (or .Values.autoscaling.targetCPUUtilizationPercentage .Values.autoscaling.targetMemoryUtilizationPercentage) -}}
{{- fail (printf "%s: autoscaling needs targetCPUUtilizationPercentage or targetMemoryUtilizationPercentage" $svc) -}}
{{- end -}}
{{- end -}}
{{- $drain := int (include "zvonar-service.drainSeconds" .) -}}
{{- if lt (int .Values.terminationGracePeriodSeconds) $drain -}}
{{- fail (printf "%s: terminationGracePeriodSeconds (%v) is shorter than the drain (drain.preStopSeconds + drain.shutdownSeconds = %v): Kubernetes would kill the pod mid-drain" $svc .Values.terminationGracePeriodSeconds $drain) -}}
{{- end -}}
{{- if and .Values.podDisruptionBudget.enabled (not (kindIs "invalid" .Values.podDisruptionBudget.minAvailable)) (not (kindIs "invalid" .Values.podDisruptionBudget.maxUnavailable)) -}}
{{- fail (printf "%s: set only one of podDisruptionBudget.minAvailable and podDisruptionBudget.maxUnavailable" $svc) -}}
{{- end -}}
{{- $minAvailable := .Values.podDisruptionBudget.minAvailable -}}
{{- if and .Values.podDisruptionBudget.enabled (not .Values.autoscaling.enabled) (not (kindIs "invalid" $minAvailable)) (not (kindIs "string" $minAvailable)) -}}
{{- if ge (int .Values.podDisruptionBudget.minAvailable) (int .Values.replicaCount) -}}
{{- fail (printf "%s: podDisruptionBudget.minAvailable (%v) must be lower than replicaCount (%v), or no node could ever be drained" $svc .Values.podDisruptionBudget.minAvailable .Values.replicaCount) -}}
{{- end -}}
{{- end -}}
{{- if and .Values.database.enabled (not (include "zvonar-service.databaseSecretName" .)) -}}
{{- fail (printf "%s: database.existingSecret (or global.database.existingSecret) is required: DATABASE_URL comes from a Secret" $svc) -}}
{{- end -}}
{{- if and .Values.kafka.enabled (not (include "zvonar-service.kafkaBrokers" .)) -}}
{{- fail (printf "%s: kafka.brokers (or global.kafka.brokers) is required" $svc) -}}
{{- end -}}
{{- if .Values.ari.enabled -}}
{{- if not .Values.ari.url -}}
{{- fail (printf "%s: ari.url is required when ari.enabled" $svc) -}}
{{- end -}}
{{- if not .Values.ari.existingSecret -}}
{{- fail (printf "%s: ari.existingSecret is required when ari.enabled: ARI_PASSWORD comes from a Secret" $svc) -}}
{{- end -}}
{{- end -}}
{{- end -}}
