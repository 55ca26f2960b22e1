package io.arbiter.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The manifests under k8s/, read into the Kubernetes model classes, and what they must agree on: every field known
 * to the model, the probes on the health endpoints, the StatefulSet governed by the headless Service that DNS
 * discovery queries, the data volume where ARBITER_DATA_DIR points, selectors that select the pods, a non-root
 * container that cannot escalate, and JGroups reachable from Arbiter pods only.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("k8s");
    private static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Set<Class<?>> KNOWN_KINDS = Set.of(StatefulSet.class, Service.class,
            PodDisruptionBudget.class, ConfigMap.class, Secret.class, NetworkPolicy.class);
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final String NAMESPACE = "some-namespace";

    private static final int HTTP_PORT = 8080;
    private static final int MANAGEMENT_PORT = 9000;
    private static final int JGROUPS_PORT = 7800;

    /** Every resource with the file it came from, in file order. */
    private static Map<HasMetadata, Path> resources;
    private static StatefulSet statefulSet;
    private static PodSpec pod;
    private static Container container;
    private static Map<String, String> podLabels;

    @BeforeAll
    static void load() throws IOException {
        resources = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> listed = Files.list(MANIFESTS)) {
            files = listed.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                    .toList();
        }
        assertFalse(files.isEmpty(), "no manifests in " + MANIFESTS.toAbsolutePath());
        for (Path file : files) {
            List<Object> documents = parse(file);
            assertFalse(documents.isEmpty(), file + " holds no resource");
            for (Object document : documents) {
                if (!(document instanceof HasMetadata resource)) {
                    throw new AssertionError(file + " holds something that is not a Kubernetes resource: " + document);
                }
                resources.put(resource, file);
            }
        }
        statefulSet = the(StatefulSet.class);
        pod = statefulSet.getSpec().getTemplate().getSpec();
        assertEquals(1, pod.getContainers().size(), "one container in the Arbiter pod");
        container = pod.getContainers().get(0);
        podLabels = statefulSet.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static List<Object> parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = SERIALIZATION.unmarshal(in);
            return parsed instanceof List<?> list ? new ArrayList<>(list) : new ArrayList<>(List.of(parsed));
        } catch (IllegalArgumentException e) {
            throw new AssertionError(file + " does not fit the Kubernetes model: " + e.getMessage(), e);
        }
    }

    // ---- every file -----------------------------------------------------------------------------------------

    @Test
    void everyFileHoldsOnlyKindsTheModelKnows() {
        resources.forEach((resource, file) -> {
            assertFalse(resource instanceof GenericKubernetesResource, file + ": apiVersion " + resource.getApiVersion()
                    + " kind " + resource.getKind() + " is not a kind of the Kubernetes API (misspelt?)");
            assertTrue(KNOWN_KINDS.contains(resource.getClass()), file + ": unexpected kind " + resource.getKind());
        });
        Map<Class<?>, Long> counts = resources.keySet().stream()
                .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
        assertEquals(Map.of(StatefulSet.class, 1L, Service.class, 2L, PodDisruptionBudget.class, 1L,
                ConfigMap.class, 1L, Secret.class, 1L, NetworkPolicy.class, 1L), counts);
    }

    @Test
    void noFieldIsUnknownToTheModel() {
        resources.forEach((resource, file) -> {
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(resource, resource.getKind(), unknown);
            assertEquals(List.of(), unknown, file + ": fields the Kubernetes model does not know (misspelt or "
                    + "misplaced), which the API server would drop or refuse");
        });
    }

    /** The check above can fail: a misspelt field nested deep in a pod template is found. */
    @Test
    void aMisspeltFieldIsFound() {
        String yaml = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: typo
                spec:
                  template:
                    spec:
                      containers:
                        - name: x
                          ports:
                            - containerPort: 8080
                              nmae: http
                """;
        HasMetadata resource = SERIALIZATION.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(resource, resource.getKind(), unknown);
        assertEquals(List.of("StatefulSet.spec.template.spec.containers[0].ports[0]: [nmae]"), unknown);
    }

    @Test
    void everyResourceIsNamedLabelledAndNamespaceAgnostic() {
        resources.forEach((resource, file) -> {
            assertNotNull(resource.getMetadata().getName(), file + ": no name");
            assertNull(resource.getMetadata().getNamespace(), file + ": the manifests take the namespace they are "
                    + "applied to (kubectl apply -n)");
            assertEquals("arbiter", resource.getMetadata().getLabels().get("app.kubernetes.io/name"),
                    file + ": label app.kubernetes.io/name");
            assertEquals("arbiter", resource.getMetadata().getLabels().get("app.kubernetes.io/instance"),
                    file + ": label app.kubernetes.io/instance");
        });
        assertEquals("arbiter", podLabels.get("app.kubernetes.io/name"));
        assertEquals("arbiter", podLabels.get("app.kubernetes.io/instance"));
    }

    // ---- selectors --------------------------------------------------------------------------------------------

    @Test
    void everySelectorSelectsTheArbiterPods() {
        assertTrue(selects(statefulSet.getSpec().getSelector(), podLabels), "the StatefulSet's own selector");
        for (Service service : all(Service.class)) {
            Map<String, String> selector = service.getSpec().getSelector();
            assertFalse(selector == null || selector.isEmpty(), service.getMetadata().getName() + " has no selector");
            assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "Service "
                    + service.getMetadata().getName() + " selects " + selector + ", the pods are " + podLabels);
        }
        for (TopologySpreadConstraint spread : pod.getTopologySpreadConstraints()) {
            assertTrue(selects(spread.getLabelSelector(), podLabels), "spread over " + spread.getTopologyKey());
        }
        assertTrue(selects(the(PodDisruptionBudget.class).getSpec().getSelector(), podLabels), "the PDB");
        assertTrue(selects(the(NetworkPolicy.class).getSpec().getPodSelector(), podLabels), "the NetworkPolicy");
    }

    @Test
    void podsAreSpreadOverNodesAndZones() {
        Map<String, String> spread = pod.getTopologySpreadConstraints().stream().collect(Collectors.toMap(
                TopologySpreadConstraint::getTopologyKey, TopologySpreadConstraint::getWhenUnsatisfiable));
        assertEquals("DoNotSchedule", spread.get("kubernetes.io/hostname"), "one pod per node");
        assertTrue(spread.containsKey("topology.kubernetes.io/zone"), "spread over zones");
    }

    // ---- the cluster ------------------------------------------------------------------------------------------

    @Test
    void theStatefulSetStartsThreeNodesTogether() {
        assertEquals(3, statefulSet.getSpec().getReplicas());
        assertEquals("Parallel", statefulSet.getSpec().getPodManagementPolicy());
    }

    @Test
    void theStatefulSetIsGovernedByTheHeadlessServiceWithTheJGroupsPort() {
        Service headless = service(statefulSet.getSpec().getServiceName());
        assertEquals("None", headless.getSpec().getClusterIP(), "the governing Service is headless");
        assertEquals(Boolean.TRUE, headless.getSpec().getPublishNotReadyAddresses(),
                "DNS lists pods before they are ready: a node is ready only once it has joined");
        ServicePort jgroups = headless.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == JGROUPS_PORT).findFirst()
                .orElseThrow(() -> new AssertionError("the headless Service has no port " + JGROUPS_PORT));
        IntOrString target = jgroups.getTargetPort() != null ? jgroups.getTargetPort() : new IntOrString(jgroups.getPort());
        assertEquals(JGROUPS_PORT, containerPort(target), "the headless Service's target port");
        assertEquals(String.valueOf(JGROUPS_PORT), env("ARBITER_CLUSTER_PORT"), "the JGroups port Arbiter binds");
        assertTrue(containerPortNumbers().contains(JGROUPS_PORT), "the container declares the JGroups port");
    }

    @Test
    void discoveryQueriesTheHeadlessServiceByDns() {
        assertEquals("true", env("ARBITER_CLUSTER_ENABLED"));
        assertEquals("dns", env("ARBITER_CLUSTER_DISCOVERY"));
        String query = env("ARBITER_CLUSTER_DNS_QUERY");
        String headless = statefulSet.getSpec().getServiceName();
        assertTrue(query.equals(headless + "." + NAMESPACE + ".svc.cluster.local")
                || query.startsWith(headless + "." + NAMESPACE + ".svc."),
                "ARBITER_CLUSTER_DNS_QUERY must name the headless Service " + headless + " in the pod's namespace: "
                        + query);
        assertEquals("status.podIP", fieldRef("ARBITER_CLUSTER_BIND_ADDRESS"), "JGroups binds the pod's IP");
        assertEquals("metadata.name", fieldRef("ARBITER_CLUSTER_NODE_NAME"), "a node is named after its pod");
    }

    @Test
    void theClientServiceServesHttp() {
        Service client = all(Service.class).stream()
                .filter(s -> !Objects.equals(s.getMetadata().getName(), statefulSet.getSpec().getServiceName()))
                .findFirst().orElseThrow();
        assertNotEquals("None", client.getSpec().getClusterIP(), "clients go through a cluster IP");
        assertEquals(1, client.getSpec().getPorts().size(), "HTTP only; JGroups is not for clients");
        ServicePort http = client.getSpec().getPorts().get(0);
        assertEquals(80, http.getPort());
        assertEquals(HTTP_PORT, containerPort(http.getTargetPort()));
    }

    @Test
    void theBudgetLetsOnePodGoAtATime() {
        PodDisruptionBudget budget = the(PodDisruptionBudget.class);
        assertEquals(new IntOrString(1), budget.getSpec().getMaxUnavailable());
        assertNull(budget.getSpec().getMinAvailable());
        assertTrue(selects(budget.getSpec().getSelector(), podLabels));
    }

    // ---- probes -----------------------------------------------------------------------------------------------

    @Test
    void probesUseTheHealthEndpointsOnTheHttpPort() {
        assertProbe("startup", container.getStartupProbe(), "/q/health/started");
        assertProbe("liveness", container.getLivenessProbe(), "/q/health/live");
        assertProbe("readiness", container.getReadinessProbe(), "/q/health/ready");
    }

    private static void assertProbe(String which, Probe probe, String path) {
        assertNotNull(probe, "no " + which + " probe");
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, "the " + which + " probe is not an HTTP GET");
        assertEquals(path, get.getPath(), which + " probe path");
        assertEquals(MANAGEMENT_PORT, containerPort(get.getPort()), which + " probe port: the management interface");
        assertTrue(get.getScheme() == null || get.getScheme().equals("HTTP"), which + " probe scheme");
    }

    // ---- storage ----------------------------------------------------------------------------------------------

    @Test
    void theClaimTemplateIsMountedWhereArbiterDataDirPoints() {
        List<PersistentVolumeClaim> claims = statefulSet.getSpec().getVolumeClaimTemplates();
        assertEquals(1, claims.size(), "one volume claim template");
        String claim = claims.get(0).getMetadata().getName();
        assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getName().equals(claim)),
                "a pod volume named " + claim + " would shadow the claim template");
        List<String> mountedAt = container.getVolumeMounts().stream().filter(m -> m.getName().equals(claim))
                .map(VolumeMount::getMountPath).toList();
        assertEquals(1, mountedAt.size(), "the claim " + claim + " is mounted once");
        assertEquals(mountedAt.get(0), env("ARBITER_DATA_DIR"), "ARBITER_DATA_DIR names the claim's mount");
        assertTrue(container.getVolumeMounts().stream().filter(m -> m.getName().equals(claim))
                .noneMatch(m -> Boolean.TRUE.equals(m.getReadOnly())), "the data volume is writable");
        assertNotNull(claims.get(0).getSpec().getResources().getRequests().get("storage"), "a storage size");
    }

    @Test
    void volumesSurviveScalingToZeroAndBack() {
        var retention = statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy();
        assertTrue(retention == null || retention.getWhenScaled() == null
                || retention.getWhenScaled().equals("Retain"), "scaling down must keep the nodes' volumes");
        assertTrue(retention == null || retention.getWhenDeleted() == null
                || retention.getWhenDeleted().equals("Retain"), "deleting the StatefulSet must keep the volumes");
    }

    // ---- security ---------------------------------------------------------------------------------------------

    @Test
    void noContainerRunsAsRootPrivilegedOrCanEscalate() {
        PodSecurityContext podContext = pod.getSecurityContext();
        assertNotNull(podContext, "no pod securityContext");
        assertEquals(Boolean.TRUE, podContext.getRunAsNonRoot(), "pod runAsNonRoot");
        assertTrue(podContext.getRunAsUser() == null || podContext.getRunAsUser() != 0, "pod runAsUser 0");
        assertEquals("RuntimeDefault", podContext.getSeccompProfile() == null ? null
                : podContext.getSeccompProfile().getType(), "pod seccomp profile");
        assertFalse(Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC()), "no host namespaces");
        List<Container> containers = new ArrayList<>(pod.getContainers());
        containers.addAll(pod.getInitContainers());
        for (Container each : containers) {
            String name = "container " + each.getName() + ": ";
            SecurityContext context = each.getSecurityContext();
            assertNotNull(context, name + "no securityContext");
            assertFalse(Boolean.TRUE.equals(context.getPrivileged()), name + "privileged");
            assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(), name + "allowPrivilegeEscalation");
            assertNotEquals(Boolean.FALSE, context.getRunAsNonRoot(), name + "runAsNonRoot overridden");
            assertTrue(context.getRunAsUser() == null || context.getRunAsUser() != 0, name + "runAsUser 0");
            assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(), name + "readOnlyRootFilesystem");
            assertNotNull(context.getCapabilities(), name + "capabilities");
            assertTrue(context.getCapabilities().getDrop().contains("ALL"), name + "drop ALL capabilities");
            assertTrue(context.getCapabilities().getAdd().isEmpty(), name + "adds capabilities");
        }
    }

    @Test
    void tmpIsAWritableEmptyDir() {
        VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted at /tmp on a read-only root"));
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(tmp.getName()) && v.getEmptyDir() != null),
                "/tmp is an emptyDir");
    }

    @Test
    void thePodNeedsNeitherTheApiNorServiceLinks() {
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), "DNS_PING does not use the API");
        assertEquals(Boolean.FALSE, pod.getEnableServiceLinks(),
                "the Service 'arbiter' would put ARBITER_PORT, ARBITER_SERVICE_HOST, ... into the arbiter.* config");
    }

    @Test
    void jgroupsIsAdmittedFromArbiterPodsOnlyAndHttpFromAnywhere() {
        NetworkPolicy policy = the(NetworkPolicy.class);
        assertTrue(policy.getSpec().getPolicyTypes().contains("Ingress"), "the policy restricts ingress");
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertFalse(rules.isEmpty(), "no ingress rule: nothing admitted, not even HTTP");
        for (NetworkPolicyIngressRule rule : rules) {
            assertFalse(rule.getPorts().isEmpty(), "a rule without ports admits every port: " + rule);
        }
        Set<Integer> clusterPorts = containerPortNumbers().stream()
                .filter(p -> p != HTTP_PORT && p != MANAGEMENT_PORT).collect(Collectors.toSet());
        assertTrue(clusterPorts.contains(JGROUPS_PORT));
        for (int port : clusterPorts) {
            List<NetworkPolicyIngressRule> admitting = rules.stream().filter(r -> admits(r, port)).toList();
            assertFalse(admitting.isEmpty(), "port " + port + " is not admitted from the other Arbiter pods");
            for (NetworkPolicyIngressRule rule : admitting) {
                assertFalse(rule.getFrom().isEmpty(), "port " + port + " is admitted from anywhere");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    assertNull(peer.getIpBlock(), "port " + port + " admitted from an IP block");
                    assertNull(peer.getNamespaceSelector(), "port " + port + " admitted from other namespaces");
                    assertNotNull(peer.getPodSelector(), "port " + port + " admitted from a peer without pods");
                    assertTrue(selectsOnlyArbiterPods(peer.getPodSelector()),
                            "port " + port + " admitted from pods other than Arbiter's: " + peer.getPodSelector());
                }
            }
        }
        assertTrue(rules.stream().anyMatch(r -> admits(r, HTTP_PORT)), "HTTP is not admitted");
    }

    @Test
    void theManagementInterfaceIsAdmittedFromTheMonitoringNamespaceOnlyAndNoServiceExposesIt() {
        assertTrue(containerPortNumbers().contains(MANAGEMENT_PORT), "the pod declares the management port");
        List<NetworkPolicyIngressRule> admitting = the(NetworkPolicy.class).getSpec().getIngress().stream()
                .filter(r -> admits(r, MANAGEMENT_PORT)).toList();
        assertFalse(admitting.isEmpty(), "Prometheus cannot scrape the management port");
        for (NetworkPolicyIngressRule rule : admitting) {
            assertFalse(rule.getFrom() == null || rule.getFrom().isEmpty(), "metrics admitted from anywhere: " + rule);
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertNull(peer.getIpBlock(), "metrics admitted from an IP block");
                assertNotNull(peer.getNamespaceSelector(), "metrics admitted from a peer other than a namespace");
            }
        }
        for (Service service : all(Service.class)) {
            for (ServicePort port : service.getSpec().getPorts()) {
                assertNotEquals(MANAGEMENT_PORT, containerPort(port.getTargetPort()),
                        service.getMetadata().getName() + " exposes the management interface");
            }
        }
    }

    /** The peer selector names Arbiter's own labels, so it selects Arbiter pods and nothing else. */
    private static boolean selectsOnlyArbiterPods(LabelSelector selector) {
        Map<String, String> required = selector.getMatchLabels();
        return selects(selector, podLabels) && required != null
                && "arbiter".equals(required.get("app.kubernetes.io/name"));
    }

    private static boolean admits(NetworkPolicyIngressRule rule, int port) {
        return rule.getPorts().stream().anyMatch(p -> admits(p, port));
    }

    private static boolean admits(NetworkPolicyPort rule, int port) {
        if (rule.getProtocol() != null && !rule.getProtocol().equals("TCP")) {
            return false;
        }
        if (rule.getPort() == null) {
            return true;
        }
        int from = containerPort(rule.getPort());
        int to = rule.getEndPort() != null ? rule.getEndPort() : from;
        return from <= port && port <= to;
    }

    // ---- configuration ----------------------------------------------------------------------------------------

    @Test
    void theContainerReadsTheConfigMapAndTheSecret() {
        List<EnvFromSource> sources = container.getEnvFrom();
        Set<String> configMaps = sources.stream().filter(s -> s.getConfigMapRef() != null)
                .map(s -> s.getConfigMapRef().getName()).collect(Collectors.toSet());
        Set<String> secrets = sources.stream().filter(s -> s.getSecretRef() != null)
                .map(s -> s.getSecretRef().getName()).collect(Collectors.toSet());
        assertEquals(Set.of(the(ConfigMap.class).getMetadata().getName()), configMaps);
        assertEquals(Set.of(the(Secret.class).getMetadata().getName()), secrets);
        assertTrue(sources.stream().allMatch(s -> s.getPrefix() == null), "no prefix: the names are ARBITER_...");
    }

    @Test
    void theSecretHoldsOnlyPlaceholders() {
        Secret secret = the(Secret.class);
        assertTrue(secret.getData().isEmpty(), "base64 data hides what is committed; use stringData");
        assertFalse(secret.getStringData().isEmpty());
        secret.getStringData().forEach((key, value) -> {
            if (!key.endsWith("_ROLES")) {
                assertTrue(value.startsWith("PLACEHOLDER"), key + " looks like a real secret in the repository");
            }
        });
    }

    @Test
    void theJvmIsSizedToTheContainer() {
        Map<String, String> requests = quantities(container.getResources().getRequests());
        Map<String, String> limits = quantities(container.getResources().getLimits());
        assertTrue(requests.containsKey("cpu") && requests.containsKey("memory"), "requests " + requests);
        assertTrue(limits.containsKey("memory"), "a memory limit, which the heap is a share of: " + limits);
        assertEquals(requests.get("memory"), limits.get("memory"), "memory request = limit: no overcommit");
        String options = env("JAVA_OPTS_APPEND");
        assertTrue(options.contains("-XX:MaxRAMPercentage="), "heap as a share of the limit: " + options);
        assertTrue(options.contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager"),
                "JAVA_OPTS_APPEND replaces the image's, which sets the log manager: " + options);
        assertTrue(statefulSet.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() >= 60,
                "time for RocksDB to flush and for the node to leave the cluster");
    }

    @Test
    void theImageRunsAsThePodsUserAndExposesItsPorts() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        Optional<String> user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b);
        assertEquals("USER " + pod.getSecurityContext().getRunAsUser(), user.orElse(null), "the image's user");
        Set<Integer> exposed = lines.stream().filter(l -> l.startsWith("EXPOSE "))
                .flatMap(l -> Stream.of(l.substring(7).trim().split("\\s+"))).map(Integer::valueOf)
                .collect(Collectors.toSet());
        assertTrue(exposed.containsAll(Set.of(HTTP_PORT, MANAGEMENT_PORT, JGROUPS_PORT)), "EXPOSE " + exposed);
        assertTrue(lines.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), "the launcher's jar");
        assertTrue(lines.contains("ENV ARBITER_DATA_DIR=" + env("ARBITER_DATA_DIR")), "the image's data directory");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.keySet().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T the(Class<T> kind) {
        List<T> found = all(kind);
        assertEquals(1, found.size(), "one " + kind.getSimpleName() + " in " + MANIFESTS);
        return found.get(0);
    }

    private static Service service(String name) {
        return all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Service named " + name));
    }

    private static Set<Integer> containerPortNumbers() {
        return container.getPorts().stream().map(ContainerPort::getContainerPort).collect(Collectors.toSet());
    }

    /** The container port a number or a port name stands for. */
    private static int containerPort(IntOrString port) {
        assertNotNull(port, "no port");
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName())).findFirst()
                .map(ContainerPort::getContainerPort)
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    /**
     * The value of an environment variable as the container sees it: its env entry, with references to earlier
     * entries expanded as the kubelet does (the namespace standing for itself), else the ConfigMap's entry.
     */
    private static String env(String name) {
        List<EnvVar> vars = container.getEnv();
        for (int i = 0; i < vars.size(); i++) {
            EnvVar var = vars.get(i);
            if (var.getName().equals(name)) {
                assertNotNull(var.getValue(), name + " has no literal value");
                return expand(var.getValue(), vars.subList(0, i));
            }
        }
        String fromConfigMap = the(ConfigMap.class).getData().get(name);
        assertNotNull(fromConfigMap, name + " is set neither in the container's env nor in the ConfigMap");
        return fromConfigMap;
    }

    private static String expand(String value, List<EnvVar> earlier) {
        Matcher reference = ENV_REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String name = reference.group(1);
            EnvVar var = earlier.stream().filter(v -> v.getName().equals(name)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("$(" + name + ") is not defined before it is used"));
            String replacement;
            if (var.getValue() != null) {
                replacement = expand(var.getValue(), earlier);
            } else if (var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null
                    && "metadata.namespace".equals(var.getValueFrom().getFieldRef().getFieldPath())) {
                replacement = NAMESPACE;
            } else {
                throw new AssertionError("$(" + name + ") cannot be resolved here");
            }
            reference.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        reference.appendTail(expanded);
        return expanded.toString();
    }

    private static String fieldRef(String name) {
        EnvVar var = container.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
        assertTrue(var.getValueFrom() != null && var.getValueFrom().getFieldRef() != null,
                name + " does not come from the downward API");
        return var.getValueFrom().getFieldRef().getFieldPath();
    }

    private static Map<String, String> quantities(Map<String, io.fabric8.kubernetes.api.model.Quantity> values) {
        return values == null ? Map.of() : values.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
    }

    /** Whether the selector selects pods with these labels (matchLabels and matchExpressions); empty selects all. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertNotNull(selector, "no selector");
        Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (!labels.entrySet().containsAll(required.entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement expression : selector.getMatchExpressions()) {
            String value = labels.get(expression.getKey());
            Predicate<String> in = v -> v != null && expression.getValues().contains(v);
            boolean ok = switch (expression.getOperator()) {
                case "In" -> in.test(value);
                case "NotIn" -> !in.test(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + expression.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks the model objects along their JSON properties and records where a field was read that the model has no
     * property for: the fabric8 classes keep such fields in additionalProperties instead of failing.
     */
    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "[" + key + "]", unknown));
            return;
        }
        if (node instanceof Collection<?> collection) {
            int i = 0;
            for (Object element : collection) {
                collectUnknownFields(element, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0) {
                continue;
            }
            if (method.isAnnotationPresent(JsonAnyGetter.class)) {
                Map<?, ?> additional = (Map<?, ?>) invoke(method, node);
                if (additional != null && !additional.isEmpty()) {
                    unknown.add(path + ": " + additional.keySet());
                }
            } else if (method.isAnnotationPresent(JsonProperty.class)) {
                String property = method.getAnnotation(JsonProperty.class).value();
                collectUnknownFields(invoke(method, node), path + "." + property, unknown);
            }
        }
    }

    private static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return fail("cannot read " + method + ": " + e);
        }
    }
}
