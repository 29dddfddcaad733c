package dev.upshift.lab;

/** Where a lab cluster is: being built and started, formed and usable, or given up (with a message). */
public enum LabStatus { STARTING, READY, FAILED }
