import { runAction } from '@switchyard/kit';
import { run } from './main';

void runAction(run);
