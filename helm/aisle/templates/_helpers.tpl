{{/* Full name of the release's objects: the release name, with the chart name added unless it already holds it. */}}
{{- define "aisle.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "aisle.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of one component: call with (dict "root" $ "component" "silo"). */}}
{{- define "aisle.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Image reference of one component: call with (dict "root" $ "name" .Values.image.silo). */}}
{{- define "aisle.image" -}}
{{- $tag := .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- with .root.Values.image.registry -}}{{ . }}/{{- end -}}{{ .name }}:{{ $tag }}
{{- end -}}

{{- define "aisle.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "aisle.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* Environment shared by silos and frontends: cluster identity, ports, PostgreSQL and the optional secrets. */}}
{{- define "aisle.env" -}}
- name: ASPNETCORE_URLS
  value: "http://+:8080"
- name: Aisle__Cluster__ClusterId
  value: {{ .Values.cluster.clusterId | quote }}
- name: Aisle__Cluster__ServiceId
  value: {{ .Values.cluster.serviceId | quote }}
- name: Aisle__SiloPort
  value: {{ .Values.cluster.siloPort | quote }}
- name: Aisle__GatewayPort
  value: {{ .Values.cluster.gatewayPort | quote }}
- name: ConnectionStrings__Aisle
  valueFrom:
    secretKeyRef:
      name: {{ required "postgres.existingSecret is required" .Values.postgres.existingSecret }}
      key: {{ .Values.postgres.connectionStringKey }}
- name: Aisle__AdminApiKey
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret }}
      key: {{ .Values.secrets.adminApiKeyKey }}
      optional: true
- name: Aisle__Grok__ApiKey
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret }}
      key: {{ .Values.secrets.grokApiKeyKey }}
      optional: true
- name: Aisle__AstraDb__Token
  valueFrom:
    secretKeyRef:
      name: {{ .Values.secrets.existingSecret }}
      key: {{ .Values.secrets.astraDbTokenKey }}
      optional: true
{{- range $name, $value := .Values.extraEnv }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{/* Container security: non-root, read-only root, nothing extra. */}}
{{- define "aisle.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{/* Probes on /health/*: call with (dict "probes" .Values.silo). */}}
{{- define "aisle.probes" -}}
startupProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: {{ .probes.startupProbe.periodSeconds }}
  failureThreshold: {{ .probes.startupProbe.failureThreshold }}
livenessProbe:
  httpGet:
    path: /health/live
    port: http
  periodSeconds: {{ .probes.livenessProbe.periodSeconds }}
  failureThreshold: {{ .probes.livenessProbe.failureThreshold }}
readinessProbe:
  httpGet:
    path: /health/ready
    port: http
  periodSeconds: {{ .probes.readinessProbe.periodSeconds }}
  failureThreshold: {{ .probes.readinessProbe.failureThreshold }}
{{- end -}}

{{/* Spread over zones first, then nodes (soft): call with (dict "root" $ "component" "silo"). */}}
{{- define "aisle.topologySpread" -}}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "aisle.selectorLabels" . | nindent 8 }}
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "aisle.selectorLabels" . | nindent 8 }}
{{- end -}}
