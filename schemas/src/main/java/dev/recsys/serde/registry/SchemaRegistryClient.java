package dev.recsys.serde.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that serializers and deserializers use. Every method throws
 * {@link SchemaRegistryException} with the registry's error code when the registry refuses, and with
 * {@link SchemaRegistryException#UNREACHABLE} when no registry URL answers.
 */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (a no-op returning the existing id if it is already there). */
    int register(String subject, Schema schema);

    /** The schema with this global id; error 40403 when there is none. */
    Schema getById(int id);

    /** The id of a schema registered under the subject; 40401 for an unknown subject, 40403 for an unknown schema. */
    int getId(String subject, Schema schema);

    /** The newest version under the subject; 40401 for an unknown subject. */
    RegisteredSchema latestVersion(String subject);

    /** Whether the schema could be registered under the subject under its compatibility level. */
    boolean testCompatibility(String subject, Schema schema);
}
