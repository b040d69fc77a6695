{{- define "zvonar-service.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "zvonar-service.fullname" . }}
  namespace: {{ .Release.Namespace }}
  labels:
    {{- include "zvonar-service.labels" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  selector:
    {{- include "zvonar-service.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .Values.service.httpPort }}
      targetPort: http
      protocol: TCP
      appProtocol: http
      {{- if and (ne .Values.service.type "ClusterIP") .Values.service.nodePorts.http }}
      nodePort: {{ .Values.service.nodePorts.http }}
      {{- end }}
    - name: grpc
      port: {{ .Values.service.grpcPort }}
      targetPort: grpc
      protocol: TCP
      appProtocol: kubernetes.io/h2c
      {{- if and (ne .Values.service.type "ClusterIP") .Values.service.nodePorts.grpc }}
      nodePort: {{ .Values.service.nodePorts.grpc }}
      {{- end }}
    {{- if .Values.ports.publicGrpc }}
    - name: public-grpc
      port: {{ .Values.service.publicGrpcPort | default .Values.ports.publicGrpc }}
      targetPort: public-grpc
      protocol: TCP
      appProtocol: kubernetes.io/h2c
      {{- if and (ne .Values.service.type "ClusterIP") .Values.service.nodePorts.publicGrpc }}
      nodePort: {{ .Values.service.nodePorts.publicGrpc }}
      {{- end }}
    {{- end }}
{{- end -}}
