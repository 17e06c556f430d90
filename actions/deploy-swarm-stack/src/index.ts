import { runAction } from '@switchyard/kit';
import { post, run } from './main';

// One bundle for both stages: kit's runAction tells the post stage from the main one.
void runAction(run, post);
