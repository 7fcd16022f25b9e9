/**
 * Command-line parsing shared by the services' entry points (every service depends on this module): flags of the
 * form {@code --name value} and switches, and the exception that ends a command line with one clear line.
 */
package dev.recsys.config;
