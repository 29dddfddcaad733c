/**
 * neo4j.conf preparation (PRE_PREPARE_CONF): {@link dev.upshift.procedure.conf.NeoConf} keeps a file's lines
 * verbatim, {@link dev.upshift.procedure.conf.ConfDeriver} derives a server's new file for the target from its current
 * one, {@link dev.upshift.procedure.conf.ConfDiff} shows the change, {@link dev.upshift.procedure.conf.ConfValidator}
 * decides whether it can be accepted. Facts per release line come from {@code procedure/conf-keys-<line>.txt} and
 * {@code procedure/conf-changes.tsv}, extracted from the 3.3.5 and 3.4.5 jars.
 */
package dev.upshift.procedure.conf;
