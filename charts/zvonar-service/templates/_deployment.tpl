{{/*
The service's Deployment: the shared image with SERVICE choosing services/<name>/src/main.ts,
non-secret config from the ConfigMap, DATABASE_URL and ARI_PASSWORD from Secrets, probes on
/healthz and /readyz, and a preStop drain that finishes inside terminationGracePeriodSeconds.
*/}}
{{- define "zvonar-service.deployment" -}}
{{- include "zvonar-service.validate" . -}}
{{- $svc := include "zvonar-service.serviceName" . -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "zvonar-service.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "zvonar-service.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: {{ .Values.revisionHistoryLimit }}
  strategy:
    {{- toYaml .Values.updateStrategy | nindent 4 }}
  selector:
    matchLabels:
      {{- include "zvonar-service.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "zvonar-service.labels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "zvonar-service.configmap" . | sha256sum }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      automountServiceAccountToken: false
      {{- with .Values.serviceAccountName }}
      serviceAccountName: {{ . }}
      {{- end }}
      {{- with (concat .Values.global.imagePullSecrets .Values.imagePullSecrets | uniq) }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      {{- with .Values.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      containers:
        - name: {{ $svc }}
          image: {{ include "zvonar-service.image" . | quote }}
          imagePullPolicy: {{ include "zvonar-service.imagePullPolicy" . }}
          ports:
            - name: http
              containerPort: {{ .Values.ports.http }}
              protocol: TCP
            - name: grpc
              containerPort: {{ .Values.ports.grpc }}
              protocol: TCP
            {{- with .Values.ports.publicGrpc }}
            - name: public-grpc
              containerPort: {{ . }}
              protocol: TCP
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "zvonar-service.fullname" . }}
          env:
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: POD_NAMESPACE
              valueFrom:
                fieldRef:
                  fieldPath: metadata.namespace
            {{- if include "zvonar-service.otelEnabled" . }}
            - name: OTEL_RESOURCE_ATTRIBUTES
              value: "service.namespace=zvonar,k8s.namespace.name=$(POD_NAMESPACE),k8s.pod.name=$(POD_NAME)"
            {{- end }}
            {{- if .Values.database.enabled }}
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef:
                  name: {{ include "zvonar-service.databaseSecretName" . }}
                  key: {{ include "zvonar-service.databaseSecretKey" . }}
            {{- end }}
            {{- if .Values.ari.enabled }}
            - name: ARI_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ .Values.ari.existingSecret }}
                  key: {{ .Values.ari.passwordKey }}
            {{- end }}
            {{- with .Values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- with .Values.startupProbe }}
          startupProbe:
            httpGet:
              path: /healthz
              port: http
            {{- toYaml . | nindent 12 }}
          {{- end }}
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            {{- toYaml .Values.livenessProbe | nindent 12 }}
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            {{- toYaml .Values.readinessProbe | nindent 12 }}
          lifecycle:
            preStop:
              exec:
                {{- if .Values.drain.preStopCommand }}
                command:
                  {{- toYaml .Values.drain.preStopCommand | nindent 18 }}
                {{- else }}
                # Endpoints are removed while this sleeps, so no new request reaches a pod that
                # is about to stop; SIGTERM then starts the service's own drain.
                command: ["sleep", "{{ .Values.drain.preStopSeconds }}"]
                {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .Values.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        # the root filesystem is read-only; Node and its libraries still need a scratch /tmp
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
        {{- with .Values.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if .Values.topologySpread.enabled }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: {{ .Values.topologySpread.topologyKey }}
          whenUnsatisfiable: {{ .Values.topologySpread.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "zvonar-service.selectorLabels" . | nindent 14 }}
      {{- end }}
{{- end -}}
