// @switchyard/local-pipeline — dev only: the workflow runner behind `pnpm pipeline`.
// See ../README.md for what it supports and what is a stand-in.
export { type LocalConfig, type LocalEnvironment, type Release, loadConfig } from './config';
export { evaluate, evaluateCondition, ExpressionError } from './expr';
export { type LocalGitHubApi, startGitHubApi } from './github-api';
export { type LoadCounts, LoadGenerator } from './load';
export { answeringVersion, liveColourOf, type PipelineOptions, type PipelineReport, proxyWeights, runPipeline, teardown } from './pipeline';
export { hashFiles } from './hash-files';
export { formatLintFinding, type LintFinding, lintWorkflows } from './lint';
export { flattenJobs, type JobRecord, LocalRunner, RunnerError, type RunnerOptions, type StepInfo, type WorkflowRecord } from './runner';
export { formatProblem, validateWorkflowFile, type WorkflowProblem } from './validate';
export { parseWorkflow, type Workflow, WorkflowError } from './workflow';
