/**
 * Command-line parsing shared by the services' entry points (every service depends on this module): flags of the
 * form {@code --name value} and switches, the exception that ends a command line with one clear line, numbers
 * read from environment variables, and which settings are secrets.
 */
package dev.recsys.config;
