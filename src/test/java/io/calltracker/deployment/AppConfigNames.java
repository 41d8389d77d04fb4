package io.calltracker.deployment;

import io.calltracker.records.RetentionConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration names the application understands, derived from the application rather than
 * listed by hand: the keys and ${ENV} references of application.properties, and every property of
 * the app's own {@link ConfigMapping} interfaces. Names under the framework prefix quarkus are accepted
 * as a family, since Quarkus reads hundreds of them. A KAFKA_* variable must name a Kafka client setting:
 * Quarkus hands every {@code kafka.*} property to all Kafka clients, lower-casing an environment name and
 * turning its '_' into '.' (KAFKA_SASL_JAAS_CONFIG is sasl.jaas.config).
 */
final class AppConfigNames {

    private static final List<String> FRAMEWORK_ENV_PREFIXES = List.of("QUARKUS_");
    private static final String KAFKA_ENV_PREFIX = "KAFKA_";
    private static final Set<String> KAFKA_CLIENT_SETTINGS = kafkaClientSettings();
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private final Properties properties;
    private final List<Pattern> envNames = new ArrayList<>();

    private AppConfigNames(Properties properties) {
        this.properties = properties;
    }

    static AppConfigNames ofApplication() {
        AppConfigNames names = ofProperties(applicationProperties());
        for (Class<?> mapping : configMappings()) {
            names.addMapping(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping);
        }
        return names;
    }

    /**
     * The Exotel simulator's settings (its own project, simulator/): the keys and ${ENV} references of
     * its application.properties, which lists every setting of its configuration.
     */
    static AppConfigNames ofSimulator() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("simulator", "src", "main", "resources", "application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ofProperties(properties);
    }

    private static AppConfigNames ofProperties(Properties properties) {
        AppConfigNames names = new AppConfigNames(properties);
        for (String key : names.properties.stringPropertyNames()) {
            names.addProperty(key.replaceFirst("^%[^.]+\\.", ""));
            Matcher reference = ENV_REFERENCE.matcher(names.properties.getProperty(key));
            while (reference.find()) {
                names.envNames.add(Pattern.compile(Pattern.quote(reference.group(1))));
            }
        }
        return names;
    }

    /** application.properties as packaged, profiles included. */
    Properties properties() {
        return properties;
    }

    /** Whether the application reads this environment variable (Quarkus maps env names to properties). */
    boolean knowsEnv(String name) {
        return FRAMEWORK_ENV_PREFIXES.stream().anyMatch(name::startsWith)
                || isKafkaClientSetting(name)
                || envNames.stream().anyMatch(pattern -> pattern.matcher(name).matches());
    }

    /** KAFKA_SSL_TRUSTSTORE_LOCATION: ssl.truststore.location, a setting of the Kafka producer or consumer. */
    static boolean isKafkaClientSetting(String env) {
        return env.startsWith(KAFKA_ENV_PREFIX)
                && KAFKA_CLIENT_SETTINGS.contains(env.substring(KAFKA_ENV_PREFIX.length()).toLowerCase().replace('_', '.'));
    }

    private static Set<String> kafkaClientSettings() {
        Set<String> settings = new HashSet<>(ProducerConfig.configNames());
        settings.addAll(ConsumerConfig.configNames());
        return settings;
    }

    /** Whether the application reads this property, e.g. from a mounted config file. */
    boolean knowsProperty(String name) {
        return knowsEnv(env(name));
    }

    /** SmallRye Config's rule: every character other than a letter or digit becomes '_', upper case. */
    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9*]", "_").toUpperCase();
    }

    private void addProperty(String property) {
        String[] literal = env(property).split("\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(literal[0]));
        for (int i = 1; i < literal.length; i++) {
            regex.append("[A-Z0-9_]+").append(Pattern.quote(literal[i]));
        }
        envNames.add(Pattern.compile(regex.toString()));
    }

    /** Walks a mapping interface the way SmallRye does: kebab-case names, groups, maps and optionals. */
    private void addMapping(String prefix, Class<?> group) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name;
            if (method.isAnnotationPresent(WithParentName.class)) {
                name = prefix;
            } else if (method.isAnnotationPresent(WithName.class)) {
                name = prefix + "." + method.getAnnotation(WithName.class).value();
            } else {
                name = prefix + "." + kebab(method.getName());
            }
            addType(name, method.getGenericReturnType());
        }
    }

    private void addType(String name, Type type) {
        Class<?> raw = raw(type);
        if (raw == Optional.class || Collection.class.isAssignableFrom(raw)) {
            addType(name, argument(type, 0));
        } else if (Map.class.isAssignableFrom(raw)) {
            addType(name + ".*", argument(type, 1));
        } else if (raw.isInterface() && !raw.getName().startsWith("java.")) {
            addMapping(name, raw);
        } else {
            addProperty(name);
        }
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Properties applicationProperties() {
        try (InputStream in = AppConfigNames.class.getResourceAsStream("/application.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's compiled classes annotated {@link ConfigMapping}. */
    private static List<Class<?>> configMappings() {
        Path classes = classesDirectory();
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(classes::relativize).map(Path::toString)
                    .filter(file -> file.endsWith(".class"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
                    .<Class<?>>map(AppConfigNames::load)
                    .filter(type -> type.isAnnotationPresent(ConfigMapping.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path classesDirectory() {
        try {
            return Path.of(RetentionConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, AppConfigNames.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
