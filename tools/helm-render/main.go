// Command helm-render renders a Helm chart the way `helm template` does, for the subset of Helm a chart needs
// when no Helm binary is available: Go's text/template with the sprig function library (Helm's own engine) plus
// Helm's include, tpl, required, toYaml, fromYaml, toJson; .Values (values.yaml deep-merged with -f files),
// .Release, .Chart and .Template. Not supported: .Capabilities, lookup, subcharts, files (.Files), hooks.
//
//	helm-render -chart helm/aisle [-f extra-values.yaml]... [-release aisle] [-namespace aisle]
//
// The manifests go to standard output as one YAML stream, each preceded by "# Source: <template>".
// Built offline from Debian's Go packages (GOPATH=/usr/share/gocode, GO111MODULE=off); see scripts/ci/check-helm.sh.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"sigs.k8s.io/yaml"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func main() {
	chart := flag.String("chart", "", "chart directory (holds Chart.yaml, values.yaml, templates/)")
	release := flag.String("release", "aisle", "release name")
	namespace := flag.String("namespace", "default", "release namespace")
	var files valueFiles
	flag.Var(&files, "f", "values file merged over values.yaml (repeatable, later wins)")
	flag.Parse()
	if *chart == "" {
		fmt.Fprintln(os.Stderr, "usage: helm-render -chart DIR [-f values.yaml]... [-release NAME] [-namespace NS]")
		os.Exit(2)
	}
	out, err := render(*chart, *release, *namespace, files)
	if err != nil {
		fmt.Fprintln(os.Stderr, "helm-render:", err)
		os.Exit(1)
	}
	os.Stdout.WriteString(out)
}

func render(chartDir, release, namespace string, valueFiles []string) (string, error) {
	chartMeta, err := readYAML(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	values, err := readYAML(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	for _, f := range valueFiles {
		override, err := readYAML(f)
		if err != nil {
			return "", err
		}
		values = merge(values, override)
	}

	chartName, _ := chartMeta["name"].(string)
	paths, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil {
		return "", err
	}
	sort.Strings(paths)

	root := template.New("chart")
	root.Funcs(functions(root))
	// Helm renders a missing value as empty, not "<no value>".
	root.Option("missingkey=zero")
	var manifests []string
	for _, path := range paths {
		base := filepath.Base(path)
		if !(strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".tpl")) {
			continue
		}
		text, err := os.ReadFile(path)
		if err != nil {
			return "", err
		}
		name := chartName + "/templates/" + base
		if _, err := root.New(name).Parse(string(text)); err != nil {
			return "", err
		}
		if !strings.HasPrefix(base, "_") && !strings.HasSuffix(base, ".tpl") {
			manifests = append(manifests, name)
		}
	}

	var stream strings.Builder
	for _, name := range manifests {
		data := map[string]interface{}{
			"Values": values,
			"Release": map[string]interface{}{
				"Name": release, "Namespace": namespace, "Service": "Helm",
				"IsInstall": true, "IsUpgrade": false, "Revision": 1,
			},
			"Chart": map[string]interface{}{
				"Name": chartName, "Version": chartMeta["version"], "AppVersion": chartMeta["appVersion"],
				"Description": chartMeta["description"],
			},
			"Template": map[string]interface{}{"Name": name, "BasePath": chartName + "/templates"},
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		for _, doc := range strings.Split(text, "\n---") {
			doc = strings.TrimSpace(strings.TrimPrefix(doc, "---"))
			if doc == "" || onlyComments(doc) {
				continue
			}
			fmt.Fprintf(&stream, "---\n# Source: %s\n%s\n", name, doc)
		}
	}
	return stream.String(), nil
}

// functions is sprig's text function map minus what Helm removes (environment access), plus Helm's own.
func functions(root *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	f["toYaml"] = func(v interface{}) string {
		b, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(b), "\n")
	}
	f["fromYaml"] = func(s string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	f["required"] = func(message string, v interface{}) (interface{}, error) {
		if v == nil {
			return nil, fmt.Errorf(message)
		}
		if s, ok := v.(string); ok && s == "" {
			return nil, fmt.Errorf(message)
		}
		return v, nil
	}
	f["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		err := root.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	f["tpl"] = func(text string, data interface{}) (string, error) {
		t, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err = t.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		err = t.Execute(&buf, data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	return f
}

func readYAML(path string) (map[string]interface{}, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{}
	if err := yaml.Unmarshal(text, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// merge overlays b on a the way Helm merges values files: maps merge key by key, anything else is replaced.
func merge(a, b map[string]interface{}) map[string]interface{} {
	out := make(map[string]interface{}, len(a))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		if bm, ok := v.(map[string]interface{}); ok {
			if am, ok := out[k].(map[string]interface{}); ok {
				out[k] = merge(am, bm)
				continue
			}
		}
		out[k] = v
	}
	return out
}

func onlyComments(doc string) bool {
	for _, line := range strings.Split(doc, "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			return false
		}
	}
	return true
}
